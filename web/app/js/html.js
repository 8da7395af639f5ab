// Preact + htm: components written as tagged templates, no JSX and no build step.
import { h, render } from '../vendor/preact.module.js';
import { useState, useEffect, useRef, useCallback } from '../vendor/hooks.module.js';
import htm from '../vendor/htm.module.js';

export const html = htm.bind(h);
export { render, useState, useEffect, useRef, useCallback };
