// The Profile Swiper widget: a framework-free script other sites embed. It draws cards of one deck
// with the application's publishable key and records swipes for an anonymous visitor (an id kept in
// localStorage). Pointer and keyboard swiping (← pass, → like, ↑ super like), and buttons for anyone
// who cannot swipe. Served as one IIFE (`window.CalosSwiper`) by GET /api/ext/swiper/widget.js.
//
//   <div id="swiper"></div>
//   <script src="https://calos.example/api/ext/swiper/widget.js"></script>
//   <script>
//     CalosSwiper.mount('#swiper', { publishableKey: 'calos_pk_…', deckId: '…', onMatch: (m) => … });
//   </script>
import { styles, themeVariables, type Theme } from './theme';

export type Direction = 'left' | 'right' | 'super';

export interface Profile {
  name: string;
  picture?: string;
  attributes: Record<string, string | number | boolean>;
}
export interface DrawnCard {
  id: string;
  deckId: string;
  profile: Profile;
  position: number;
}
export interface SwipeResult {
  id: string;
  cardId: string;
  deckId: string;
  direction: Direction;
  pass: number;
  replayed: boolean;
  xpAwarded: number;
  match: { id: string; userId: string } | null;
  createdAt: string;
}
export interface WidgetError {
  status: number;
  code: string;
  message: string;
}

export interface MountOptions {
  publishableKey: string;
  deckId: string;
  /** The CalOS server (default: where this script was loaded from). */
  server?: string;
  theme?: Theme;
  /** The anonymous visitor's id (default: one kept in this browser's localStorage). */
  visitorId?: string;
  /** Cards fetched at a time (1–20, default 3). */
  batch?: number;
  onSwipe?(swipe: SwipeResult, card: DrawnCard): void;
  onMatch?(match: { id: string; userId: string }, card: DrawnCard): void;
  onError?(error: WidgetError): void;
}

export interface Widget {
  /** Draws again (after an error, or to start over once the deck was empty). */
  refresh(): Promise<void>;
  /** Swipes the card on top, as the buttons do. */
  swipe(direction: Direction): Promise<void>;
  destroy(): void;
}

const scriptOrigin = (() => {
  const script = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
  try {
    return script?.src ? new URL(script.src).origin : '';
  } catch {
    return '';
  }
})();

const VISITOR_KEY = 'calos-swiper-visitor';
const SWIPE_DISTANCE = 90;

function visitorId(): string {
  const fresh = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`.padEnd(16, '0'));
  try {
    const stored = localStorage.getItem(VISITOR_KEY);
    if (stored && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return stored;
    const id = fresh();
    localStorage.setItem(VISITOR_KEY, id);
    return id;
  } catch {
    return fresh(); // storage blocked: a visitor per page load
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function mount(target: HTMLElement | string, options: MountOptions): Widget {
  const host = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
  if (!host) throw new Error(`CalosSwiper.mount: no element ${String(target)}`);
  if (!options.publishableKey?.startsWith('calos_pk_')) throw new Error('CalosSwiper.mount: publishableKey must be a calos_pk_… key');
  const server = (options.server ?? scriptOrigin).replace(/\/+$/, '');
  const visitor = options.visitorId ?? visitorId();
  const batch = Math.min(20, Math.max(1, options.batch ?? 3));

  const root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  const style = el('style');
  style.textContent = styles;
  const frame = el('div', { class: 'frame', style: themeVariables(options.theme) });
  const stack = el('div', { class: 'stack', 'aria-live': 'polite' });
  const status = el('p', { class: 'status', role: 'status' });
  const buttons = el('div', { class: 'buttons' });
  const passButton = el('button', { type: 'button', class: 'pass', 'aria-label': 'Pass (left arrow)' }, '✕ Pass');
  const superButton = el('button', { type: 'button', class: 'super', 'aria-label': 'Super like (up arrow)' }, '★ Super');
  const likeButton = el('button', { type: 'button', class: 'like', 'aria-label': 'Like (right arrow)' }, '♥ Like');
  buttons.append(passButton, superButton, likeButton);
  frame.append(stack, status, buttons);
  root.append(style, frame);

  let cards: DrawnCard[] = [];
  let busy = false;
  let destroyed = false;

  const report = (error: WidgetError) => {
    status.textContent = error.message;
    options.onError?.(error);
  };

  async function request<T>(method: string, path: string, body: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${server}/api/ext/swiper${path}`, {
        method,
        headers: { authorization: `Bearer ${options.publishableKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
      });
    } catch {
      throw { status: 0, code: 'NETWORK', message: 'The swiper could not be reached.' } satisfies WidgetError;
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const e = (data as { error?: { code?: string; message?: string } } | null)?.error;
      throw { status: response.status, code: e?.code ?? 'HTTP_ERROR', message: e?.message ?? `The swiper answered ${response.status}.` } satisfies WidgetError;
    }
    return data as T;
  }

  const picture = (src: string | undefined) => (src ? (src.startsWith('/') ? `${server}${src}` : src) : '');

  function render() {
    stack.replaceChildren();
    const top = cards[0];
    for (const b of [passButton, superButton, likeButton]) b.disabled = !top || busy;
    if (!top) {
      if (!status.textContent) status.textContent = 'No more profiles for now.';
      return;
    }
    status.textContent = '';
    const card = el('article', { class: 'card', tabindex: '0', 'aria-label': `${top.profile.name}. Left arrow to pass, right arrow to like, up arrow to super like.` });
    const src = picture(top.profile.picture);
    if (src) card.append(el('img', { src, alt: top.profile.name, draggable: 'false' }));
    card.append(el('h3', {}, top.profile.name));
    const list = el('dl');
    for (const [k, v] of Object.entries(top.profile.attributes)) list.append(el('dt', {}, k), el('dd', {}, String(v)));
    card.append(list);
    attachGestures(card);
    stack.append(card);
  }

  function attachGestures(card: HTMLElement) {
    let startX = 0;
    let startY = 0;
    let dragging = false;
    card.addEventListener('pointerdown', (e) => {
      if (busy) return;
      dragging = true;
      startX = e.clientX;
      startY = e.clientY;
      card.setPointerCapture?.(e.pointerId);
    });
    card.addEventListener('pointermove', (e) => {
      if (!dragging) return;
      const dx = e.clientX - startX;
      const dy = e.clientY - startY;
      card.style.transform = `translate(${dx}px, ${Math.min(0, dy)}px) rotate(${dx / 20}deg)`;
    });
    const end = (e: PointerEvent) => {
      if (!dragging) return;
      dragging = false;
      const dx = e.clientX - startX;
      const dy = e.clientY - startY;
      card.style.transform = '';
      if (dy < -SWIPE_DISTANCE && Math.abs(dy) > Math.abs(dx)) void swipe('super');
      else if (dx > SWIPE_DISTANCE) void swipe('right');
      else if (dx < -SWIPE_DISTANCE) void swipe('left');
    };
    card.addEventListener('pointerup', end);
    card.addEventListener('pointercancel', end);
  }

  const onKey = (e: KeyboardEvent) => {
    const direction = ({ ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'super' } as Record<string, Direction>)[e.key];
    if (!direction) return;
    e.preventDefault();
    void swipe(direction);
  };
  frame.addEventListener('keydown', onKey as EventListener);
  passButton.addEventListener('click', () => void swipe('left'));
  likeButton.addEventListener('click', () => void swipe('right'));
  superButton.addEventListener('click', () => void swipe('super'));

  async function refresh() {
    if (destroyed) return;
    try {
      const drawn = await request<{ pass: number; cards: DrawnCard[] }>('POST', `/decks/${encodeURIComponent(options.deckId)}/draw`, { count: batch, visitorId: visitor });
      const seen = new Set(cards.map((c) => c.id));
      cards = [...cards, ...drawn.cards.filter((c) => !seen.has(c.id))];
      status.textContent = '';
    } catch (error) {
      report(error as WidgetError);
    }
    render();
  }

  async function swipe(direction: Direction) {
    const card = cards[0];
    if (!card || busy || destroyed) return;
    busy = true;
    render();
    try {
      const result = await request<SwipeResult>('POST', '/swipes', { cardId: card.id, direction, visitorId: visitor });
      cards = cards.slice(1);
      options.onSwipe?.(result, card);
      if (result.match) options.onMatch?.(result.match, card);
    } catch (error) {
      report(error as WidgetError);
    } finally {
      busy = false;
    }
    if (cards.length === 0) await refresh();
    else render();
    (stack.querySelector('.card') as HTMLElement | null)?.focus();
  }

  void refresh();
  return {
    refresh,
    swipe,
    destroy() {
      destroyed = true;
      frame.remove();
      style.remove();
    },
  };
}
