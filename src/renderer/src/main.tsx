// Tokens and resets first: stylesheets are bundled in import order, and components build on them.
import './styles/theme.css'
import './styles/base.css'
import './components/components.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { applyTheme, rememberedTheme } from './lib/theme'

applyTheme(rememberedTheme())

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
