// Addresses of the sign-in pages. Danish, because users see and share them.
export const paths = {
  login: '/log-ind',
  changePassword: '/skift-adgangskode',
  sessionExpired: '/session-udloebet',
} as const
