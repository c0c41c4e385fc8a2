import { mount } from 'svelte';
import App from './App.svelte';
import { cachedTiles } from './lib/cache';
import './app.css';

// The triage tiles are asked for at once, alongside the settings App asks for, not after them.
void cachedTiles().catch(() => undefined);
mount(App, { target: document.getElementById('app')! });
