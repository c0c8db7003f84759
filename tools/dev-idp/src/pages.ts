// HTML pages of the dev provider: plain, accessible, no external assets, in Bahasa Indonesia by
// default with English available (ARCHITECTURE.md "Cross-cutting").

export const languages = ['id', 'en'] as const;
export type Lang = (typeof languages)[number];

const texts = {
  id: {
    signInTitle: 'Masuk ke Kinerja',
    signInLead: 'Penyedia identitas pengembangan. Jangan gunakan kata sandi sungguhan.',
    username: 'Nama pengguna atau email',
    password: 'Kata sandi',
    newPassword: 'Kata sandi baru',
    confirmPassword: 'Ulangi kata sandi baru',
    mustChange: 'Kata sandi Anda bersifat sementara. Buat kata sandi baru untuk melanjutkan.',
    signIn: 'Masuk',
    cancel: 'Batal',
    invalid: 'Nama pengguna atau kata sandi salah.',
    disabled: 'Akun ini dinonaktifkan. Hubungi admin instansi Anda.',
    mismatch: 'Kata sandi baru tidak sama, atau kosong.',
    otherLanguage: 'English',
    logoutTitle: 'Keluar dari Kinerja',
    logoutQuestion: 'Apakah Anda ingin keluar?',
    logoutYes: 'Ya, keluar',
    logoutNo: 'Tidak, tetap masuk',
    loggedOut: 'Anda telah keluar.',
    errorTitle: 'Terjadi kesalahan',
    errorLead: 'Permintaan masuk tidak dapat diproses.',
  },
  en: {
    signInTitle: 'Sign in to Kinerja',
    signInLead: 'Development identity provider. Do not use a real password.',
    username: 'Username or email',
    password: 'Password',
    newPassword: 'New password',
    confirmPassword: 'Repeat the new password',
    mustChange: 'Your password is temporary. Choose a new password to continue.',
    signIn: 'Sign in',
    cancel: 'Cancel',
    invalid: 'Invalid username or password.',
    disabled: 'This account is disabled. Contact your agency administrator.',
    mismatch: 'The new passwords do not match, or are empty.',
    otherLanguage: 'Bahasa Indonesia',
    logoutTitle: 'Sign out of Kinerja',
    logoutQuestion: 'Do you want to sign out?',
    logoutYes: 'Yes, sign out',
    logoutNo: 'No, stay signed in',
    loggedOut: 'You have signed out.',
    errorTitle: 'Something went wrong',
    errorLead: 'The sign-in request could not be processed.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type LoginProblem = 'invalid' | 'disabled' | 'mismatch';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The first supported language among the candidates (query, form, ui_locales, Accept-Language). */
export function pickLang(...candidates: (string | undefined)[]): Lang {
  for (const candidate of candidates) {
    if (!candidate) continue;
    for (const part of candidate.split(/[\s,]+/)) {
      const tag = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
      if (tag === 'id' || tag === 'en') return tag;
    }
  }
  return 'id';
}

const style = `
  *{box-sizing:border-box}
  body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1b1f23;line-height:1.5}
  main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #d0d7de;border-radius:.5rem}
  h1{font-size:1.5rem;margin:0 0 .5rem}
  p{margin:.5rem 0 1rem}
  label{display:block;font-weight:600;margin:1rem 0 .25rem}
  input[type=text],input[type=password]{width:100%;padding:.6rem;font-size:1rem;border:1px solid #57606a;border-radius:.25rem}
  input:focus,button:focus,a:focus{outline:3px solid #0969da;outline-offset:2px}
  .actions{display:flex;gap:.5rem;margin-top:1.5rem}
  button{font-size:1rem;padding:.6rem 1rem;border-radius:.25rem;border:1px solid #1f6f3f;cursor:pointer}
  .primary{background:#1f6f3f;color:#fff}
  .secondary{background:#fff;color:#1b1f23;border-color:#57606a}
  .alert{padding:.75rem;border-radius:.25rem;background:#ffebe9;border:1px solid #cf222e;color:#82071e}
  .note{padding:.75rem;border-radius:.25rem;background:#fff8c5;border:1px solid #9a6700}
  .lang{text-align:right;margin:0 0 1rem}
  .lead{color:#57606a;font-size:.9rem}
`;

function layout(lang: Lang, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export type LoginPageInput = {
  lang: Lang;
  action: string;
  abortAction: string;
  clientName?: string;
  username?: string;
  problem?: LoginProblem;
  // The password is temporary: ask for a new one together with the current one.
  changePassword?: boolean;
};

export function loginPage(input: LoginPageInput): string {
  const t = texts[input.lang];
  const other: Lang = input.lang === 'id' ? 'en' : 'id';
  const problem = input.problem ? `<p class="alert" role="alert" id="problem">${escapeHtml(t[input.problem])}</p>` : '';
  const describedBy = input.problem ? ' aria-describedby="problem"' : '';
  const change = input.changePassword
    ? `<p class="note" role="status">${escapeHtml(t.mustChange)}</p>
<label for="new_password">${escapeHtml(t.newPassword)}</label>
<input id="new_password" name="new_password" type="password" autocomplete="new-password" required>
<label for="confirm_password">${escapeHtml(t.confirmPassword)}</label>
<input id="confirm_password" name="confirm_password" type="password" autocomplete="new-password" required>`
    : '';
  const client = input.clientName ? ` <span class="lead">(${escapeHtml(input.clientName)})</span>` : '';
  return layout(
    input.lang,
    t.signInTitle,
    `<p class="lang"><a href="?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(t.otherLanguage)}</a></p>
<h1>${escapeHtml(t.signInTitle)}${client}</h1>
<p class="lead">${escapeHtml(t.signInLead)}</p>
${problem}
<form method="post" action="${escapeHtml(input.action)}" novalidate>
<input type="hidden" name="lang" value="${input.lang}">
<label for="username">${escapeHtml(t.username)}</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${escapeHtml(input.username ?? '')}"${describedBy}>
<label for="password">${escapeHtml(t.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
${change}
<div class="actions">
<button class="primary" type="submit">${escapeHtml(t.signIn)}</button>
<button class="secondary" type="submit" formaction="${escapeHtml(input.abortAction)}" formnovalidate>${escapeHtml(t.cancel)}</button>
</div>
</form>`,
  );
}

/** The RP-initiated logout confirmation; `form` is the provider's hidden form (with its xsrf token). */
export function logoutPage(lang: Lang, form: string): string {
  const t = texts[lang];
  return layout(
    lang,
    t.logoutTitle,
    `<h1>${escapeHtml(t.logoutTitle)}</h1>
<p>${escapeHtml(t.logoutQuestion)}</p>
${form}
<div class="actions">
<button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${escapeHtml(t.logoutYes)}</button>
<button class="secondary" type="submit" form="op.logoutForm">${escapeHtml(t.logoutNo)}</button>
</div>`,
  );
}

export function loggedOutPage(lang: Lang): string {
  const t = texts[lang];
  return layout(
    lang,
    t.logoutTitle,
    `<h1>${escapeHtml(t.logoutTitle)}</h1>\n<p role="status">${escapeHtml(t.loggedOut)}</p>`,
  );
}

/** Error page: shows only the OAuth error code and description, never a stack trace. */
export function errorPage(lang: Lang, error: string, description?: string): string {
  const t = texts[lang];
  const detail = description
    ? `<p><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>`
    : `<p><code>${escapeHtml(error)}</code></p>`;
  return layout(
    lang,
    t.errorTitle,
    `<h1>${escapeHtml(t.errorTitle)}</h1>\n<p role="alert">${escapeHtml(t.errorLead)}</p>\n${detail}`,
  );
}
