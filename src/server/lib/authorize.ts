import type { Role } from '../../shared/users.ts'
import { AppError } from './errors.ts'
import { type Action, type Permission, type Resource, type View, rule, viewOf } from '../../shared/permissions.ts'

export interface Actor {
  id: string
  name: string
  email: string
  role: Role
  organisationId: string
  planIds: readonly string[]
  /**
   * The party the actor belongs to in each of their plans, by plan id (decision 012): whose
   * residents they hold and which consents they read under. A plan without one is missing.
   */
  parties: Readonly<Record<string, ActorParty>>
  mustChangePassword: boolean
}

export interface ActorParty {
  id: string
  name: string
  unit: string | null
  /** The plan's data controller: owns every resident of the plan. */
  dataController: boolean
}

declare const granted: unique symbol

/**
 * Proof that authorize() allowed `actor` to do `action` on `resource` (in `planId` for plan-scoped
 * resources). Only authorize() can make one, so a service that takes a Grant cannot be reached
 * without a decision: forgetting the check is a compile error, not a data leak.
 */
export interface Grant<R extends Resource = Resource, A extends Action = Action> {
  readonly actor: Actor
  readonly resource: R
  readonly action: A
  readonly planId: string | null
  /** How much of it the actor sees, from the permission table: the services ask this, never the role. */
  readonly view: View
  readonly [granted]: true
}

export function authorize<R extends Resource, A extends Action>(
  actor: Actor,
  resource: R,
  action: A,
  planId: string | null = null,
): Grant<R, A> {
  const view = viewOf(actor.role, resource, action)
  if (view === null) throw new AppError('forbidden')
  if (rule(resource).scope === 'plan') {
    if (!planId || !actor.planIds.includes(planId)) throw new AppError('forbidden')
  }
  return { actor, resource, action, planId, view } as Grant<R, A>
}

/** Whether the reader gets counts below the suppression threshold hidden (decision 006). */
export function hidesSmallNumbers(grant: Grant): boolean {
  return grant.view === 'aggregate'
}

/** Route access declarations: every route must carry exactly one (enforced when routes register). */
export type Access =
  | { public: true }
  | { self: true; duringSignIn?: true } // any signed-in user, acting on their own account; `duringSignIn`: also before the second factor is given
  | Permission

declare const system: unique symbol

/** The operator at the command line or Indsats itself at start-up: trusted, audited under a label. */
export interface SystemAuthority {
  readonly label: 'cli' | 'system'
  readonly [system]: true
}

export function systemAuthority(label: SystemAuthority['label']): SystemAuthority {
  return { label } as SystemAuthority
}

export type Authority<R extends Resource = Resource, A extends Action = Action> = Grant<R, A> | SystemAuthority

export function auditActor(authority: Authority): { id: string; label?: string } | { label: 'cli' | 'system' } {
  return 'actor' in authority ? { id: authority.actor.id } : { label: authority.label }
}
