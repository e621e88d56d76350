/** Provider registry (contract §5 table). */
import type { ProviderId } from '../types';
import { connect } from './connect';
import { eid, signicatvideoid } from './eid';
import { onfido } from './onfido';
import { signicatpaper, signicatpictureid } from './paper';
import { readid } from './readid';
import type { ProviderModule } from './types';
import { webid } from './webid';

export const PROVIDER_MODULES: Record<ProviderId, ProviderModule> = {
  readid,
  onfido,
  eid,
  signicatpaper,
  connect,
  webid,
  signicatvideoid,
  signicatpictureid,
};

export function providerModule(id: ProviderId): ProviderModule {
  return PROVIDER_MODULES[id];
}
