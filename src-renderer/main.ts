// Renderer entry. zod is configured first (jitless) so the strict CSP is never tripped.
import '../src-shared/zod.ts';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
export default mount(App, { target });
