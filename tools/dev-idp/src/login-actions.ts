import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Logger } from '@kinerja/platform/logging';
import type Provider from 'oidc-provider';

import { HttpError, readForm, sendHtml } from './http-util.js';
import { errorPage, loginPage, pickLang, type Lang, type LoginProblem } from './pages.js';
import type { Seed } from './seed.js';
import type { UserStore } from './user-store.js';

// The login step of the authorization code flow, at `<issuer>/login-actions/<uid>` (Keycloak keeps
// its login pages under login-actions too). A temporary password must be replaced before the login
// completes, as Keycloak's UPDATE_PASSWORD required action does.

export type LoginActionsDeps = {
  provider: () => Provider;
  users: UserStore;
  seed: Seed;
  issuerPath: string;
  logger: Logger;
};

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

function paramOf(interaction: Interaction, name: string): string | undefined {
  const value = interaction.params[name];
  return typeof value === 'string' ? value : undefined;
}

export class LoginActions {
  constructor(private readonly deps: LoginActionsDeps) {}

  async handle(req: IncomingMessage, res: ServerResponse, rest: string, query: URLSearchParams): Promise<void> {
    const [uid, action, extra] = rest.split('/');
    const acceptLanguage = req.headers['accept-language'];
    let interaction: Interaction;
    try {
      interaction = await this.deps.provider().interactionDetails(req, res);
    } catch {
      // No interaction cookie, or it expired: start again from the application.
      return sendHtml(
        res,
        400,
        errorPage(pickLang(query.get('lang') ?? undefined, acceptLanguage), 'invalid_request', 'session expired'),
      );
    }
    if (interaction.uid !== uid || extra !== undefined) throw new HttpError(404, { error: 'not_found' });
    const lang = pickLang(query.get('lang') ?? undefined, paramOf(interaction, 'ui_locales'), acceptLanguage);

    if (req.method === 'POST' && action === 'abort') {
      return this.deps
        .provider()
        .interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'End-User aborted interaction' },
          { mergeWithLastSubmission: false },
        );
    }
    if (action !== undefined) throw new HttpError(404, { error: 'not_found' });

    if (interaction.prompt.name !== 'login') {
      // Consent is granted by loadExistingGrant for every seeded client; any other prompt is unexpected.
      return sendHtml(res, 400, errorPage(lang, 'interaction_required', interaction.prompt.name));
    }
    if (req.method === 'GET')
      return this.render(res, 200, interaction, lang, { username: paramOf(interaction, 'login_hint') });
    if (req.method === 'POST') return this.login(req, res, interaction, lang);
    throw new HttpError(405, { error: 'method_not_allowed' });
  }

  private render(
    res: ServerResponse,
    status: number,
    interaction: Interaction,
    langFallback: Lang,
    extra: { username?: string; problem?: LoginProblem; changePassword?: boolean; lang?: Lang },
  ): void {
    const lang = extra.lang ?? langFallback;
    const action = `${this.deps.issuerPath}/login-actions/${interaction.uid}`;
    const clientId = paramOf(interaction, 'client_id');
    const clientName = this.deps.seed.clients.find((c) => c.clientId === clientId)?.name;
    sendHtml(res, status, loginPage({ lang, action, abortAction: `${action}/abort`, clientName, ...extra }));
  }

  private async login(
    req: IncomingMessage,
    res: ServerResponse,
    interaction: Interaction,
    fallback: Lang,
  ): Promise<void> {
    const form = await readForm(req);
    const lang = pickLang(form.get('lang') ?? undefined, fallback);
    const login = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const found =
      this.deps.users.byUsername(login) ?? this.deps.users.all().find((u) => u.email === login.toLowerCase());
    const user = found && !found.serviceAccountClientId ? found : undefined;
    const check = user && password !== '' ? await this.deps.users.checkPassword(user, password) : 'invalid';

    if (!user || check === 'invalid') {
      return this.render(res, 401, interaction, lang, { username: login, problem: 'invalid', lang });
    }
    if (check === 'disabled') {
      return this.render(res, 403, interaction, lang, { username: login, problem: 'disabled', lang });
    }
    if (check === 'temporary-password') {
      const next = form.get('new_password') ?? '';
      const confirm = form.get('confirm_password');
      if (confirm === null)
        return this.render(res, 200, interaction, lang, { username: login, changePassword: true, lang });
      if (next === '' || next !== confirm) {
        return this.render(res, 400, interaction, lang, {
          username: login,
          changePassword: true,
          problem: 'mismatch',
          lang,
        });
      }
      await this.deps.users.setPassword(user.id, next, false);
    }
    this.deps.logger.info({ userId: user.id }, 'user signed in');
    return this.deps
      .provider()
      .interactionFinished(
        req,
        res,
        { login: { accountId: user.id, amr: ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
  }
}
