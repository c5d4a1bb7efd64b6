// The extensions that ship in this repository, in load order. The only kernel file that imports
// from extensions/ (the import-boundary rule allows it and nothing else).
import leagues from '../../extensions/leagues/index';
import mailer from '../../extensions/mailer/index';
import markets from '../../extensions/markets/index';
import iiif from '../../extensions/iiif/index';
import swiper from '../../extensions/swiper/index';
import challenges from '../../extensions/challenges/index';
import domains from '../../extensions/domains/index';

export const bundledExtensions = [leagues, mailer, markets, iiif, swiper, challenges, domains] as const;

type Bundled = ReturnType<(typeof bundledExtensions)[number]>;
/** The bundled extensions' routers by id, for the client's AppRouter type. */
export type BundledRouters = { [E in Bundled as E['id']]: NonNullable<E['router']> };
