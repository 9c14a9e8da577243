import { z } from 'zod'

// Every error the API returns has one of these codes and a Danish message meant for the user.

export const ErrorCode = z.enum([
  'validation',
  'unauthenticated',
  'session_expired',
  'invalid_credentials',
  'account_locked',
  'password_change_required',
  'second_factor_required',
  'invalid_second_factor',
  'identity_provider_unknown_user',
  'identity_provider_disabled_user',
  'identity_provider_failed',
  'identity_provider_unavailable',
  'password_change_through_identity_provider',
  'forbidden',
  'consent_required',
  'bad_origin',
  'not_found',
  'conflict',
  'confirmation_required',
  'capacity_full',
  'participant_anonymised',
  'too_many_requests',
  'payload_too_large',
  'document_too_large',
  'source_unavailable',
  'database_unavailable',
  'cpr_key_missing',
  'totp_key_mismatch',
  'mail_failed',
  'internal',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type ErrorBody = z.infer<typeof ErrorBody>

export const defaultMessages: Record<ErrorCode, string> = {
  validation: 'Nogle felter er ikke udfyldt korrekt.',
  unauthenticated: 'Du skal logge ind for at se denne side.',
  session_expired: 'Din session er udløbet. Log ind igen.',
  invalid_credentials: 'Forkert e-mail eller adgangskode. Efter flere forkerte forsøg skal du vente lidt, før du kan prøve igen.',
  account_locked: 'Kontoen er midlertidigt låst efter for mange forkerte forsøg. Prøv igen senere.',
  password_change_required: 'Du skal vælge en ny adgangskode, før du kan fortsætte.',
  second_factor_required: 'Du skal bekræfte dit login med en kode fra din godkendelsesapp, før du kan fortsætte.',
  invalid_second_factor: 'Koden er forkert eller udløbet. Skriv den kode, din godkendelsesapp viser nu, eller en af dine gendannelseskoder.',
  identity_provider_unknown_user:
    'Du er logget ind hos din organisation, men der er ingen bruger i Indsats med din e-mailadresse. Bed en administrator i Indsats om at oprette dig, og prøv så igen.',
  identity_provider_disabled_user: 'Din bruger i Indsats er deaktiveret. Kontakt en administrator i Indsats, hvis du skal have adgang igen.',
  identity_provider_failed: 'Du blev ikke logget ind via din organisation. Start forfra med knappen herunder.',
  identity_provider_unavailable: 'Din organisations login svarer ikke lige nu. Prøv igen om lidt, eller log ind med din adgangskode.',
  password_change_through_identity_provider:
    'Du er logget ind via din organisations login, så din adgangskode skifter du hos din organisation. Har du også en adgangskode til Indsats, kan du skifte den, når du har logget ind med den.',
  forbidden: 'Du har ikke adgang til dette.',
  consent_required: 'Beboeren har ikke givet samtykke til, at du ser disse oplysninger.',
  bad_origin: 'Forespørgslen kom ikke fra Indsats og blev afvist.',
  not_found: 'Siden eller posten findes ikke.',
  conflict: 'Posten findes allerede eller er ændret af en anden.',
  confirmation_required: 'Ændringen har store følger. Bekræft den, hvis det er meningen.',
  capacity_full: 'Aktiviteten er fuld.',
  participant_anonymised: 'Beboeren er anonymiseret, og der kan ikke skrives nyt om beboeren.',
  too_many_requests: 'For mange forsøg. Vent lidt, og prøv igen.',
  payload_too_large: 'Filen er for stor.',
  document_too_large: 'Dokumentet er for stort til at blive lavet som PDF. Hent det som Word i stedet, eller gør de længste tekster kortere.',
  source_unavailable: 'Kilden svarer ikke lige nu. Prøv igen om lidt.',
  database_unavailable: 'Databasen svarer ikke lige nu. Prøv igen om lidt.',
  cpr_key_missing: 'CPR-numrene kan ikke læses, fordi nøglefilen cpr.key ikke passer til databasen. Kontakt en administrator.',
  totp_key_mismatch: 'Nøglen til totrinsbekræftelsen passer ikke til databasen. Kontakt en administrator.',
  mail_failed: 'E-mailen kunne ikke sendes. Intet er ændret. Prøv igen om lidt, eller kontakt en administrator.',
  internal: 'Der skete en uventet fejl. Prøv igen, eller kontakt en administrator.',
}
