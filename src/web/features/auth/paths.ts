// Addresses of the sign-in pages. Danish, because users see and share them.
export const paths = {
  login: '/log-ind',
  changePassword: '/skift-adgangskode',
  secondFactor: '/log-ind/kode',
  enrolSecondFactor: '/log-ind/godkendelsesapp',
  sessionExpired: '/session-udloebet',
} as const
