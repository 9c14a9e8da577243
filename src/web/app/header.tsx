import { Link, useLocation, useNavigate } from 'react-router'
import { roleLabels } from '../../shared/users.ts'
import { logOut } from '../features/auth/auth.api.ts'
import { paths as authPaths } from '../features/auth/paths.ts'
import { useSession } from '../features/auth/session.tsx'
import { pendingSignInStep } from '../features/auth/sign-in-steps.ts'
import { menuFor } from './menu.ts'

export function Header() {
  const { state, signedOut } = useSession()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const user = state.status === 'signed-in' ? state.session.user : null
  // A session signed in through the organisation's login has no password to change here (decision 041).
  const passwordSession = state.status === 'signed-in' && state.session.signInMethod === 'password'

  async function logOutAndLeave() {
    // Whatever the server says (the session may already be gone), the user wanted out.
    const answer = await logOut().catch(() => null)
    // Signed in through the organisation's login: out there too; the provider sends the browser back to the sign-in page (decision 041).
    if (answer?.providerSignOutUrl) return window.location.assign(answer.providerSignOutUrl)
    signedOut('logged-out')
    navigate(authPaths.login, { replace: true })
  }

  return (
    <header className="header">
      <div className="portal-info">
        <div className="container portal-info-inner">
          <Link to="/" className="product-name">
            Indsats
          </Link>
          {user && (
            <div className="portal-user signed-in-user">
              <p className="user">
                <span className="user-name weight-semibold">{user.name}</span>
                <span className="user-role small-text">{roleLabels[user.role]}</span>
              </p>
              <div className="user-actions">
                {passwordSession && (
                  <Link to={authPaths.changePassword} className="function-link">
                    Skift adgangskode
                  </Link>
                )}
                <button type="button" className="button button-secondary" onClick={() => void logOutAndLeave()}>
                  Log ud
                </button>
              </div>
            </div>
          )}
        </div>
      </div>
      <div className="solution-info">
        <div className="container solution-info-inner">
          <div className="solution-heading">
            <p>Boligsociale helhedsplaner</p>
          </div>
          {user && user.plans.length > 0 && (
            <div className="additional-info user-plans">
              <p className="weight-semibold">{user.plans.length === 1 ? 'Din helhedsplan' : 'Dine helhedsplaner'}</p>
              <ul className="nobullet-list">
                {user.plans.map((plan) => (
                  <li key={plan.id}>
                    {plan.name}, {plan.municipality}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
      {user && state.status === 'signed-in' && !pendingSignInStep(state.session) && (
        <nav className="navigation-menu" aria-label="Hovedmenu">
          <div className="navigation-menu-inner container">
            <div className="nav">
              <ul className="mainmenu">
                {menuFor(user).map((item) => {
                  const active = pathname === item.to || (item.covers?.(pathname) ?? false)
                  return (
                    <li key={item.to} className={active ? 'active current' : undefined}>
                      <Link to={item.to} className="nav-link" aria-current={active ? 'page' : undefined}>
                        <span>{item.label}</span>
                      </Link>
                    </li>
                  )
                })}
              </ul>
            </div>
          </div>
        </nav>
      )}
    </header>
  )
}
