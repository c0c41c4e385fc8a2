import { mount } from 'svelte';
import Minimal from './Minimal.svelte';

mount(Minimal, { target: document.getElementById('app')! });
