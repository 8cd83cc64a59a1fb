import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { CALIBRATION_CARD } from "~/modules/analysis/calibration-card";

export const meta: MetaFunction = () => [{ title: "How Stipple measures your dots — Stipple" }];

/** The course's short explanation of the dot analysis: what it measures, what each figure means, and what it cannot see. */
export default function HowDotsAreMeasured() {
  return (
    <article className="prose prose-stone mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to="/practicals">Practicals</Link>
      </p>
      <h1>How Stipple measures your dots</h1>
      <p>
        When you add a photo to a practical, Stipple finds the dots in it and measures them, so you can see an obvious problem before you submit and your
        instructor has figures beside the rubric. It advises; your instructor grades.
      </p>
      <h2>Put the card in the photo</h2>
      <p>
        Print the <a href="/practicals/calibration-card.pdf">calibration card</a> at 100% and check its 50 mm line with a ruler. Cut one card out and lay it
        flat beside the work, with the ruler, fully in frame. Its black frame is exactly {CALIBRATION_CARD.outerMm} mm across: that is how Stipple turns pixels
        into millimetres. Without it, every figure would be a guess, so Stipple says it could not measure instead.
      </p>
      <figure className="not-prose my-6 grid gap-3 sm:grid-cols-2">
        <img
          src="/figures/dot-analysis-photo.jpg"
          width={900}
          height={675}
          alt="Generated practice work: clusters of dark dots on tan skin, with the calibration card on the left."
          className="h-auto w-full rounded border border-stone-200"
        />
        <img
          src="/figures/dot-analysis-marked.jpg"
          width={900}
          height={675}
          alt="The same work with the analysis marks: amber rings round dots that merged, red rings round larger dots with a soft halo, and blue dashed boxes round two empty patches."
          className="h-auto w-full rounded border border-stone-200"
        />
        <figcaption className="text-sm text-stone-600 sm:col-span-2">
          A generated practice photo (not real work), without and with the marks: amber, dots that merged; red, possible blow-outs; blue, empty patches.
        </figcaption>
      </figure>
      <h2>What each figure means</h2>
      <dl>
        <dt>Dots and density</dt>
        <dd>How many dots, and how many per square centimetre of the worked area. Two merged dots count as two.</dd>
        <dt>Dot size</dt>
        <dd>
          The median diameter, the range the middle half of the dots fall in, and the variation (standard deviation over the mean). Even work has a small
          variation; the dot-grid rubric asks for dots that match their neighbours.
        </dd>
        <dt>Spacing</dt>
        <dd>The median distance from each dot to its nearest neighbour, and how much it varies.</dd>
        <dt>Randomness (Clark–Evans index)</dt>
        <dd>
          The mean nearest-neighbour distance compared with what a purely random pattern of the same density would give, corrected for the edges of the area.
          About 1 is random; clearly above 1 is more even than random, and towards 2 a regular lattice; below 1, clumps and gaps. Stipple also says whether the
          dots line up in rows or a grid, which these briefs ask you to avoid.
        </dd>
        <dt>Problems</dt>
        <dd>
          Merged dots (two or more run together), possible blow-outs (dots holding more than twice a typical dot&apos;s ink, often with a soft halo) and empty
          patches, each marked on the photo.
        </dd>
        <dt>Density from the front edge</dt>
        <dd>On the hairline and density practicals, density in bands from the top edge of the worked area, to show a transition.</dd>
      </dl>
      <h2>What it cannot see</h2>
      <p>
        A photo shows the surface. The analysis cannot see how deep the pigment went, what colour the dots will heal to, or how a blurred dot on real skin will
        look in a month; it is tuned on generated photos of practice skin, not on clients. A photo taken at an angle, in uneven glare or out of focus gives
        poorer figures. When a figure and your eye disagree, trust your eye and ask your instructor.
      </p>
    </article>
  );
}
