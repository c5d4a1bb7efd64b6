// @calos-examples/trivia: a CalOS extension published as an npm package. CalOS loads it when
// CALOS_EXTENSIONS names it, and calls this factory with its extension API (a package cannot
// import CalOS's files): the same procedure bases, errors, Zod and kernel context the bundled
// extensions use. docs/extensions.md walks through it.

/** @param {typeof import('../../server/extensions/api')} calos */
export default function trivia(calos) {
  const { z, defineExtension, router, publicProcedure, userProcedure, adminOrApiKeyProcedure, kernelOf, eventType, notFound, LIVE_SCOPE } = calos;
  const kernel = (ctx) => kernelOf(ctx, 'trivia');

  // The extension's own table, named trivia_… (a migration name unique on the platform).
  const migrations = {
    trivia_20261207000001_questions: {
      async up(knex) {
        await knex.schema.createTable('trivia_questions', (t) => {
          t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
          t.text('question').notNullable().unique();
          t.text('answer').notNullable();
          t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
        });
      },
      async down(knex) {
        await knex.schema.dropTableIfExists('trivia_questions');
      },
    },
  };

  const answered = eventType({
    type: 'trivia.answered',
    description: 'A user answered a trivia question right.',
    data: z.object({ userId: z.string(), questionId: z.string() }),
  });

  const question = z.object({ id: z.uuid(), question: z.string() });
  const normalise = (text) => text.trim().toLowerCase().replace(/\s+/g, ' ');

  const triviaRouter = router({
    question: publicProcedure
      .meta({ openapi: { method: 'GET', path: '/ext/trivia/question', tags: ['trivia'], summary: 'A random trivia question' }, errors: ['NOT_FOUND'] })
      .input(z.object({}).optional())
      .output(question)
      .query(async ({ ctx }) => {
        const row = await kernel(ctx).db('trivia_questions').orderByRaw('random()').first('id', 'question');
        if (!row) throw notFound('question', 'There are no trivia questions yet.');
        return row;
      }),

    answer: userProcedure
      .meta({ openapi: { method: 'POST', path: '/ext/trivia/answer', tags: ['trivia'], summary: 'Answer a question (a right answer executes answer_trivia)', protect: true }, errors: ['NOT_FOUND', 'RATE_LIMITED', 'CONFLICT'] })
      .input(z.strictObject({ questionId: z.uuid(), answer: z.string().min(1).max(200) }))
      .output(z.object({ correct: z.boolean(), xpAwarded: z.number().int() }))
      .mutation(({ ctx, input }) =>
        kernel(ctx).transaction(async (tx) => {
          const row = await tx('trivia_questions').where({ id: input.questionId }).first('answer');
          if (!row) throw notFound('question');
          if (normalise(row.answer) !== normalise(input.answer)) return { correct: false, xpAwarded: 0 };
          const userId = ctx.auth.user.id;
          const executed = await kernel(ctx).actions.execute(tx, { scope: LIVE_SCOPE, userId, actionCode: 'answer_trivia', system: true });
          await kernel(ctx).events.emit(tx, { event: answered, data: { userId, questionId: input.questionId }, mode: 'live', userId });
          const xpAwarded = executed.effects.reduce((sum, e) => sum + (typeof e.result?.xpAwarded === 'number' ? e.result.xpAwarded : 0), 0);
          return { correct: true, xpAwarded };
        }),
      ),

    add: adminOrApiKeyProcedure('trivia:manage')
      .meta({ openapi: { method: 'POST', path: '/ext/trivia/questions', tags: ['trivia'], summary: 'Add a question', protect: true }, successStatus: 201 })
      .input(z.strictObject({ question: z.string().min(3).max(500), answer: z.string().min(1).max(200) }))
      .output(question)
      .mutation(async ({ ctx, input }) => {
        const [row] = await kernel(ctx).db('trivia_questions').insert(input).onConflict('question').merge(['answer']).returning(['id', 'question']);
        return row;
      }),
  });

  return defineExtension({
    id: 'trivia',
    version: '1.0.0',
    description: 'Trivia questions; a right answer gives Writing XP.',
    migrations,
    router: triviaRouter,
    actions: [
      {
        code: 'answer_trivia',
        name: 'Answer a trivia question',
        category: 'writing',
        cooldownSeconds: 0,
        dailyLimit: 20,
        description: 'A right answer to a trivia question.',
        effects: [
          { effectCode: 'award_xp', effectParams: { skillId: 'writing', xpAmount: 15 } },
          { effectCode: 'check_achievements', effectParams: {} },
        ],
        systemOnly: true,
      },
    ],
    events: [answered],
    scopes: [{ scope: 'trivia:manage', description: 'Add trivia questions.', privileged: true }],
    async seed(kernel) {
      await kernel
        .db('trivia_questions')
        .insert([
          { question: 'How many levels does each CalOS skill have?', answer: '99' },
          { question: 'Which rating system do CalOS leagues use?', answer: 'Elo' },
        ])
        .onConflict('question')
        .ignore();
    },
  });
}
