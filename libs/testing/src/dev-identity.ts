// The dev identity provider's admin client (a development-only value from tools/dev-idp/seed.json): the identity
// service creates logins with it, scripts set demo passwords with it.
export const DEV_ADMIN_CLIENT_SECRET = 'dev-only-kinerja-admin-secret';
