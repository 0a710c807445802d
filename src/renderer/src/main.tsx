// Tokens and resets first: stylesheets are bundled in import order, and components build on them.
import './styles/theme.css'
import './styles/base.css'
import './components/components.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { call } from './lib/api'
import { setAppLocale } from './lib/locale'
import { applyTheme, rememberedTheme } from './lib/theme'

applyTheme(rememberedTheme())

function render(): void {
  const root = document.getElementById('root')
  if (!root) return
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

// Dates follow the system's regional format, which main knows; the window's language is a fallback.
call('app:get-info')
  .then((info) => setAppLocale(info.locale))
  .catch(() => undefined)
  .finally(render)
