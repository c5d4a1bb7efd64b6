// One question at a time; a right answer shows the XP it gave. Plain React.createElement: the
// package ships JavaScript that any client build can bundle without a JSX step.
export function page(calos) {
  const { React, trpc, describeProblem } = calos;
  const h = React.createElement;
  return function TriviaPage() {
    const question = trpc.trivia.question.useQuery();
    const answer = trpc.trivia.answer.useMutation();
    const [text, setText] = React.useState('');
    if (question.error) return h('p', null, describeProblem(question.error).message);
    if (!question.data) return h('p', null, 'Loading…');
    const submit = (event) => {
      event.preventDefault();
      answer.mutate({ questionId: question.data.id, answer: text });
    };
    return h(
      'form',
      { onSubmit: submit },
      h('h1', null, 'Trivia'),
      h('p', null, question.data.question),
      h('input', { 'aria-label': 'Your answer', value: text, onChange: (e) => setText(e.target.value) }),
      h('button', { type: 'submit' }, 'Answer'),
      answer.data && h('p', null, answer.data.correct ? `Right! +${answer.data.xpAwarded} XP` : 'Not quite. Try another.'),
    );
  };
}
