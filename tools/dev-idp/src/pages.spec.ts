import { describe, expect, it } from '@jest/globals';

import { errorPage, escapeHtml, loginPage, logoutPage, pickLang } from './pages.js';

describe(pickLang.name, () => {
  it.each([
    [['en'], 'en'],
    [['id'], 'id'],
    [[undefined, 'en-US,en;q=0.9'], 'en'],
    [['fr', 'id-ID'], 'id'],
    [['de-DE,fr;q=0.8'], 'id'],
    [[undefined, undefined], 'id'],
    [['en', 'id'], 'en'],
  ] as const)('picks the first supported of %j', (candidates, expected) => {
    expect(pickLang(...candidates)).toBe(expected);
  });
});

describe(loginPage.name, () => {
  const base = { action: '/realms/kinerja/login-actions/abc', abortAction: '/realms/kinerja/login-actions/abc/abort' };

  it('renders an accessible form in Bahasa Indonesia by default', () => {
    const html = loginPage({ ...base, lang: 'id' });
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('<label for="username">Nama pengguna atau email</label>');
    expect(html).toContain('<label for="password">Kata sandi</label>');
    expect(html).toContain('autocomplete="current-password"');
    expect(html).toContain('action="/realms/kinerja/login-actions/abc"');
    expect(html).toContain('formaction="/realms/kinerja/login-actions/abc/abort"');
    expect(html).toContain('href="?lang=en"');
    expect(html).not.toMatch(/<(script|link|img)\b/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('renders English on request', () => {
    const html = loginPage({ ...base, lang: 'en', problem: 'invalid' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<p class="alert" role="alert" id="problem">Invalid username or password.</p>');
    expect(html).toContain('aria-describedby="problem"');
  });

  it('asks for a new password when the current one is temporary', () => {
    const html = loginPage({ ...base, lang: 'id', changePassword: true });
    expect(html).toContain('name="new_password"');
    expect(html).toContain('name="confirm_password"');
    expect(loginPage({ ...base, lang: 'id' })).not.toContain('new_password');
  });

  it('escapes what the user typed', () => {
    const html = loginPage({ ...base, lang: 'id', username: '"><script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });
});

describe(escapeHtml.name, () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe(logoutPage.name, () => {
  it('wraps the provider form with buttons bound to it', () => {
    const html = logoutPage('en', '<form id="op.logoutForm" method="post" action="/x"></form>');
    expect(html).toContain('<form id="op.logoutForm"');
    expect(html).toContain('form="op.logoutForm" name="logout" value="yes"');
    expect(html).toContain('Yes, sign out');
  });
});

describe(errorPage.name, () => {
  it('shows the error code and description, escaped', () => {
    const html = errorPage('id', 'invalid_request', 'bad <thing>');
    expect(html).toContain('Terjadi kesalahan');
    expect(html).toContain('<code>invalid_request</code>: bad &lt;thing&gt;');
  });
});
