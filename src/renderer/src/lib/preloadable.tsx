// A screen in its own file, loaded in the background before it is needed. React.lazy alone suspends on
// the first render even when the file is already here (one more frame, with the fallback shown); once
// the file is loaded, this renders the screen itself.
import { lazy, type ComponentType } from 'react';

export function preloadable<M, P extends object>(
  load: () => Promise<M>,
  pick: (m: M) => ComponentType<P>,
): { Screen: ComponentType<P>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | undefined;
  const preload = () =>
    load().then((m) => {
      loaded = pick(m);
      return loaded;
    });
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  const Screen = (props: P) => {
    const Loaded = loaded ?? Lazy;
    return <Loaded {...props} />;
  };
  return { Screen, preload };
}
