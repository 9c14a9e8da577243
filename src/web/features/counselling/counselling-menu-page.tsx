import { PlanChoicePage } from '../plans/plan-choice-page.tsx'
import { counsellingPath } from './counselling.api.ts'
import { COUNSELLING_TITLE } from './counselling-loading.tsx'

/** /aaben-raadgivning, the main menu's entry: the choice of plan, skipped for staff on one plan. */
export function CounsellingMenuPage() {
  return (
    <PlanChoicePage
      title={COUNSELLING_TITLE}
      lead="Åbningstiderne, henvendelserne og de aftalte tider hører til den helhedsplan, rådgivningen er en del af. Vælg helhedsplanen."
      pathOf={counsellingPath}
      linkPrefix="Åben rådgivning i "
    />
  )
}
