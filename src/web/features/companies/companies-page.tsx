import { PlanChoicePage } from '../plans/plan-choice-page.tsx'
import { companiesPath } from './companies.api.ts'
import { COMPANIES_TITLE } from './company-loading.tsx'

/** /virksomheder, the main menu's entry: companies are kept per plan, so this is the choice of plan. */
export function CompaniesPage() {
  return (
    <PlanChoicePage
      title={COMPANIES_TITLE}
      lead="Virksomhederne i helhedsplanens netværk og deres praktik- og jobåbninger. Vælg helhedsplanen."
      pathOf={companiesPath}
      linkPrefix="Virksomheder i "
    />
  )
}
