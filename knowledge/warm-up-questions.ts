import type { Facts } from './facts/types.js';
import { PLACE_NAMES, REGION_NAMES } from './regions.js';
import type { ParsedArticle, RegionId } from './types.js';

/**
 * Questions a knowledge base asks itself before it takes traffic (KnowledgeBase.warmUp).
 *
 * The engine compiles and optimises each path of the answer code only after running it, and the
 * first turns that take a path not yet run are several times slower than later ones. A short list
 * of questions leaves most paths cold: the first question about a step, a scope item or a city
 * still pays for it. So the questions are made of the knowledge base's own facts and headings
 * (every scope item kind, region, address, log, procedure and article), in the shapes customers
 * use: yes/no, lists, comparisons, typos, a story before the question, two questions in one, and
 * questions about nothing in the articles.
 */

/** Shapes no fact gives: a question about nothing known, another language, two in one, a story first. */
const SHAPES = [
  'who do I call in Torronto for a critical outage?',
  'what is the support email address?',
  'is patching covered?',
  'what is out of scope?',
  'how do I create a new account?',
  'what do I need before I create a new account?',
  'where is the agent log on windows?',
  'can resellers use the service?',
  'what happens after I accept the terms?',
  'which clouds are supported, and where can I see the prices?',
  'how will the charges appear on my bill?',
  'compare azure and aws support',
  'azure vs aws: what is covered on each?',
  'our deployment keeps failing. what do you need from me?',
  'my api calls come back with 500s, where do I send the request body?',
  'can you reset the password of my office printer?',
  'wie spät ist es in Berlin?',
  'hi',
  'thanks, that helped!',
  'we are a demo account in the US, can we still try it?',
  'is it available for our office in Toronto?',
  'we have never used Azure before. walk me through the steps?',
  'how long does it take, and does an admin have to do it?',
  'I clicked the button and it has been spinning for a minute, is something broken?',
  'does CenturyLink escalate to the vendor if you cannot fix it?',
  'who picks it up first when something breaks at night?',
  'do you mark up the prices?',
  'what login do I use?',
  'where do I find the invoice line for it?',
  'IS MONITORING INCLUDED???',
  'log path linux',
];

/** At most this many questions from headings, spread evenly over the articles, so a large knowledge base does not warm for long. */
const MAX_HEADING_QUESTIONS = 60;

export function warmUpQuestions(articles: readonly ParsedArticle[], facts: Facts): string[] {
  const questions = [
    ...SHAPES,
    ...scopeQuestions(facts),
    ...placeQuestions(),
    ...facts.emails.map((email) => `what is ${email.address} for?`),
    ...facts.logLocations.map((log) => `where do I find the log on ${log.os}?`),
    ...facts.procedures.flatMap((procedure) => {
      const task = lowerFirst(procedure.heading);
      return [`how do I ${task}?`, `what comes after the second step of ${task}?`, `how long does ${task} take?`];
    }),
    ...facts.prerequisites.map((prerequisite) => `what do I need before ${lowerFirst(prerequisite.heading)}?`),
    ...headingQuestions(articles),
  ];
  return [...new Set(questions)];
}

function scopeQuestions(facts: Facts): string[] {
  return facts.scopes.flatMap((scope) => [
    `what does ${scope.cloud} support include?`,
    `what is outside the scope of ${scope.cloud} support?`,
    ...scope.inScope.map((item) => `is ${lowerFirst(item)} covered for ${scope.cloud}?`),
    ...scope.outOfScope.map((item) => `do you do ${lowerFirst(item)} on ${scope.cloud}?`),
  ]);
}

/** For each region: its name, and a city in it with one letter dropped (the spelling correction's path). */
function placeQuestions(): string[] {
  return (Object.keys(REGION_NAMES) as RegionId[]).flatMap((region) => {
    const city = PLACE_NAMES.filter((place) => place.region === region).at(-1)!.name;
    const misspelt = city.slice(0, -2) + city.slice(-1);
    return [`outage number for ${REGION_NAMES[region]}`, `production is down in ${misspelt}, who do we ring?`];
  });
}

function headingQuestions(articles: readonly ParsedArticle[]): string[] {
  const headings = articles.flatMap((article) => [article.header.title, ...article.sections.map((section) => section.heading)]);
  const unique = [...new Set(headings.filter((heading) => heading.trim() !== ''))];
  const every = Math.max(1, Math.ceil(unique.length / MAX_HEADING_QUESTIONS));
  return unique.filter((_, index) => index % every === 0).map((heading) => `tell me about ${lowerFirst(heading)}`);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
