import { render } from 'preact';
// The shared stylesheets first, in this order; each component and page imports its own after them.
import './styles/global.css';
import './styles/content.css';
import './styles/controls.css';
import './styles/tables.css';
import { App } from './app.tsx';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
