// One deck's swiping: the top card of the drawn stack, dragged with a pointer, or swiped with the
// arrow keys or the buttons; each swipe goes to the server (XP, limits), then the next card shows.
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { Alert, Button, Card, Group, Image, Stack, Table, Text, Title } from '@mantine/core';
import { describeProblem, trpc } from '../../../client/extension-api';

type Direction = 'left' | 'right' | 'super';
const DISTANCE = 90;

export function SwipeDeck({ deckId }: { deckId: string }) {
  const utils = trpc.useUtils();
  const draw = trpc.swiper.draw.useMutation();
  const swipe = trpc.swiper.swipe.useMutation();
  const [cards, setCards] = useState<Array<{ id: string; profile: { name: string; picture?: string; attributes: Record<string, string | number | boolean> } }>>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ x: number; y: number; dx: number; dy: number } | null>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const loaded = useRef(false);

  const refill = useCallback(async () => {
    try {
      const drawn = await draw.mutateAsync({ deckId, count: 3 });
      setCards((current) => [...current, ...drawn.cards.filter((c) => !current.some((x) => x.id === c.id))]);
    } catch (error) {
      setMessage(describeProblem(error).message);
    }
  }, [deckId, draw]);

  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    void refill();
  }, [refill]);

  const top = cards[0];
  const act = async (direction: Direction) => {
    if (!top || swipe.isPending) return;
    try {
      const result = await swipe.mutateAsync({ cardId: top.id, direction });
      setMessage(result.match ? `It's a match with ${top.profile.name}!` : result.xpAwarded ? `+${result.xpAwarded} XP` : null);
      if (result.match) void utils.swiper.matches.invalidate();
      const rest = cards.slice(1);
      setCards(rest);
      if (rest.length === 0) await refill();
      cardRef.current?.focus();
    } catch (error) {
      setMessage(describeProblem(error).message);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const direction = ({ ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'super' } as Record<string, Direction>)[e.key];
    if (direction) {
      e.preventDefault();
      void act(direction);
    }
  };
  const onPointerDown = (e: ReactPointerEvent) => {
    setDrag({ x: e.clientX, y: e.clientY, dx: 0, dy: 0 });
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent) => drag && setDrag({ ...drag, dx: e.clientX - drag.x, dy: e.clientY - drag.y });
  const onPointerUp = () => {
    if (!drag) return;
    const { dx, dy } = drag;
    setDrag(null);
    if (dy < -DISTANCE && Math.abs(dy) > Math.abs(dx)) void act('super');
    else if (dx > DISTANCE) void act('right');
    else if (dx < -DISTANCE) void act('left');
  };

  const picture = top?.profile.picture;
  return (
    <Stack align="center" onKeyDown={onKeyDown}>
      {top ? (
        <Card
          ref={cardRef}
          tabIndex={0}
          withBorder
          shadow="sm"
          w={320}
          aria-label={`${top.profile.name}. Left arrow to pass, right arrow to like, up arrow to super like.`}
          data-testid="swipe-card"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
          style={{ touchAction: 'none', cursor: 'grab', transform: drag ? `translate(${drag.dx}px, ${Math.min(0, drag.dy)}px) rotate(${drag.dx / 20}deg)` : undefined }}
        >
          {picture && <Image src={picture} alt={top.profile.name} radius="md" draggable={false} />}
          <Title order={3} mt="sm">{top.profile.name}</Title>
          <Table>
            <Table.Tbody>
              {Object.entries(top.profile.attributes).map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td c="dimmed">{k}</Table.Td>
                  <Table.Td>{String(v)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : (
        <Text c="dimmed">{draw.isPending ? 'Drawing…' : 'No more profiles in this deck for now.'}</Text>
      )}
      <Group>
        <Button variant="default" onClick={() => act('left')} disabled={!top || swipe.isPending} loading={swipe.isPending && swipe.variables?.direction === 'left'}>✕ Pass</Button>
        <Button variant="light" onClick={() => act('super')} disabled={!top || swipe.isPending} loading={swipe.isPending && swipe.variables?.direction === 'super'}>★ Super like</Button>
        <Button onClick={() => act('right')} disabled={!top || swipe.isPending} loading={swipe.isPending && swipe.variables?.direction === 'right'}>♥ Like</Button>
      </Group>
      {message && <Alert role="status" variant="light">{message}</Alert>}
    </Stack>
  );
}
