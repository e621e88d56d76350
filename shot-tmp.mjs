import { chromium } from 'playwright-core';
const [,, user, path, name, w, h, scheme, action] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const ctx = await browser.newContext({ viewport: { width: Number(w), height: Number(h) }, colorScheme: scheme });
const page = await ctx.newPage();
await page.goto('http://127.0.0.1:3600/login');
await page.getByLabel('Username').fill(user);
await page.getByLabel('Password').fill('demo-password');
await page.getByRole('button', { name: /sign in/i }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
await page.goto('http://127.0.0.1:3600' + path);
await page.waitForLoadState('networkidle');
if (action === 'api') { await page.getByText('Show the routes').click(); await page.getByRole('region', { name: 'API' }).scrollIntoViewIfNeeded(); }
await page.screenshot({ path: `/tmp/shots/${name}.png` });
await browser.close();
