// The badge that tells live from test mode, for keys, webhook endpoints and usage rows.
import { Badge } from '@mantine/core';
import type { Mode } from '../../../shared/schemas/developer';

// Badges here take miw="max-content": a squeezed table column would otherwise cut their label to "LI…".
export function ModeBadge({ mode }: { mode: Mode }) {
  return (
    <Badge miw="max-content" color={mode === 'live' ? 'teal' : 'orange'} variant="light" size="sm">
      {mode}
    </Badge>
  );
}
