import { z } from 'zod'

// Validation messages in Danish, on the server and in the browser alike.
z.config(z.locales.da())
