// The IIIF extension's web pages: the manifests and images (anyone signed in browses; operators
// upload images and make manifests) and the viewer (OpenSeadragon deep zoom with the canvas's
// annotations drawn on it, which users add, edit and delete), each loaded as its own chunk.
import { IconPhoto } from '@tabler/icons-react';
import { defineClientExtension } from '../../../client/extension-api';

export default defineClientExtension({
  id: 'iiif',
  pages: [
    { path: '/iiif', title: 'Images', load: () => import('./library-page') },
    { path: '/iiif/manifests/:manifestId', title: 'Viewer', load: () => import('./viewer-page') },
  ],
  nav: [{ to: '/iiif', label: 'Images', icon: IconPhoto, end: false, group: 'Play', order: 70 }],
});
