// Fonts are bundled (OFL) and declared with @font-face: without them WebKit draws Lao invisibly
// or with colliding marks (DESIGN.md §5).
import '@fontsource/noto-sans-lao/400.css';
import '@fontsource/noto-sans-lao/600.css';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { tauriBackend } from './backend/backend';

const target = document.getElementById('app');
if (target) mount(App, { target, props: { backend: tauriBackend } });
