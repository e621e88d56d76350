/**
 * The stub end-user page behind a capture `url` or a redirect provider's `redirectUrl` (contract §3 "Capture").
 * The tester picks an outcome; the process starts processing with that scenario and the browser goes back to
 * `redirectUrl?dossierId=…&processId=…&status=…` (several providers: dossierId only).
 * Everything shown is HTML-escaped; no external resources are loaded.
 */
import { scenarioFits, scenariosFor } from './scenarios';
import type { ProcessRecord } from './store';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1d2430; }
  .banner { background: #fff4d6; border: 1px solid #e0b84a; padding: .5rem .75rem; border-radius: .4rem; }
  ul { list-style: none; padding: 0; }
  li { margin: .4rem 0; }
  button { font: inherit; padding: .45rem .8rem; border-radius: .4rem; border: 1px solid #8894a8; background: #f4f6fa; cursor: pointer; min-width: 18rem; text-align: left; }
  button:hover, button:focus { background: #e3e9f4; }
  .expect { color: #4b5568; font-size: .9em; margin-left: .5rem; }
  code { background: #eef1f6; padding: 0 .25rem; border-radius: .2rem; }
</style>
</head>
<body>
<p class="banner" role="note">Assure sandbox — a stand-in for the end-user's verification. No real identity data.</p>
${body}
</body>
</html>`;
}

export function capturePage(p: ProcessRecord, actionPath: string): string {
  const heading = `<h1>Verify with ${escapeHtml(p.provider)}${p.processType ? ` (${escapeHtml(p.processType)})` : ''}</h1>
<p>Process <code>${escapeHtml(p.processId)}</code> in dossier <code>${escapeHtml(p.dossierId)}</code> is <strong>${escapeHtml(p.status)}</strong>.</p>`;
  if (p.status !== 'pending') {
    return page(
      'Capture already completed',
      `${heading}<p>This capture has already been completed. You can close this tab.</p>`,
    );
  }
  const options = scenariosFor(p.provider)
    .filter((s) => scenarioFits(s, p.provider, p.processType) && s.forceStatus === undefined)
    .map(
      (s) => `<li><form method="post" action="${escapeHtml(actionPath)}">
<input type="hidden" name="scenario" value="${escapeHtml(s.name)}">
<button type="submit">${escapeHtml(s.label)}</button><span class="expect">→ ${escapeHtml(s.expect)} <code>${escapeHtml(s.name)}</code></span>
</form></li>`,
    )
    .join('\n');
  return page('Sandbox capture', `${heading}<p>Choose how this verification ends:</p><ul>${options}</ul>`);
}

export function captureDonePage(p: ProcessRecord): string {
  return page(
    'Capture complete',
    `<h1>Capture complete</h1><p>Process <code>${escapeHtml(p.processId)}</code> is now <strong>${escapeHtml(p.status)}</strong>. You can close this tab.</p>`,
  );
}

/** Contract §3: `redirectUrl?dossierId=…&processId=…&status=processing`; several providers: dossierId only. */
export function returnLocation(p: ProcessRecord): string | undefined {
  if (!p.returnUrl) return undefined;
  const url = new URL(p.returnUrl);
  url.searchParams.set('dossierId', p.dossierId);
  if (!p.multiProviderCapture) {
    url.searchParams.set('processId', p.processId);
    url.searchParams.set('status', p.status);
  }
  return url.toString();
}
