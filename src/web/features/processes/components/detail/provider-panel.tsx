import { asString } from '@domain/raw-json';
import { isProvider, providerLabel } from '@domain/providers';
import { isFinalStatus } from '@domain/status';
import { ConnectPanel } from './connect-panel';
import { DetailSection } from './detail-section';
import { EidPanel } from './eid-panel';
import { OnfidoPanel } from './onfido-panel';
import { providerSpecificOf, type DetailCheck, type DetailProcess } from './provider-values';
import { ReadIdPanel } from './readid-panel';
import { SignicatPaperPanel } from './signicatpaper-panel';
import { UnknownProviderPanel } from './unknown-provider-panel';
import { WebIdPanel } from './webid-panel';
import './detail.css';

/** The provider's own checks in its own vocabulary (contract §5), one panel per provider. */
export function ProviderPanel({
  process,
  checks,
}: {
  process: DetailProcess;
  checks: readonly DetailCheck[];
}) {
  const provider = process.provider;
  const providerSpecific = providerSpecificOf(process);
  if (!isProvider(provider))
    return <UnknownProviderPanel provider={provider} providerSpecific={process.providerSpecific} />;

  const label = providerLabel(provider);
  if (Object.keys(providerSpecific).length === 0) {
    return (
      <DetailSection title={`${label} details`}>
        <p className="muted">
          {isFinalStatus(process.status)
            ? `${label} sent no provider data for this process.`
            : 'No provider data yet. Providers fill it in gradually while the verification runs; it appears here as soon as Assure sends it.'}
        </p>
      </DetailSection>
    );
  }
  switch (provider) {
    case 'readid':
      return <ReadIdPanel providerSpecific={providerSpecific} />;
    case 'onfido':
      return <OnfidoPanel providerSpecific={providerSpecific} processType={asString(process.processType)} />;
    case 'eid':
    case 'signicatvideoid':
      return <EidPanel providerSpecific={providerSpecific} title={`${label} details`} />;
    case 'signicatpaper':
    case 'signicatpictureid':
      return (
        <SignicatPaperPanel providerSpecific={providerSpecific} checks={checks} title={`${label} details`} />
      );
    case 'connect':
      return <ConnectPanel providerSpecific={providerSpecific} />;
    default:
      return <WebIdPanel providerSpecific={providerSpecific} />;
  }
}
