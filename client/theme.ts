// The Mantine theme of the web client: one brand colour, system fonts, rounded cards.
import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Card: { defaultProps: { withBorder: true, shadow: 'xs', padding: 'lg', radius: 'md' } },
    Badge: { defaultProps: { variant: 'light' } },
  },
});
