/* headline.h - headline sentences in the monitor's voice, drafted from
 * figures (figures.h), plus the direction and tone of a change that the
 * dashboard shows.
 *
 * A sentence, for the latest value of one indicator in one geography:
 *   The claimant count in the West Midlands Combined Authority fell by
 *   1,240 (0.9%) to 131,560 in October 2026, 12,300 higher than a year
 *   earlier and the lowest since March 2020.
 * - rising/falling/unchanged are judged on the change as displayed (a
 *   change that rounds to zero is "was unchanged at");
 * - no previous period: "... was 131,560 in October 2026, ...";
 * - percent and rate units: "rose by 0.2 percentage points to 6.4%";
 * - index unit: "fell from 58.5 in September to 51.2 in October 2026";
 * - clauses: against a year earlier, against the baseline period
 *   ("21,000 higher than in February 2020"), and a record ("the lowest
 *   since March 2020", "the highest since the series began in January
 *   2015") when it spans at least a year of periods, in the direction of
 *   the latest change (none when unchanged: a tie is not a record);
 * - index unit with both values only when they print differently in the
 *   verb's direction, else "rose by 0.1 to 52.0";
 * - a provisional or estimated latest value is marked "(provisional)" /
 *   "(estimated)" after it;
 * - a percentage below 0.05% reads "(less than 0.1%)".
 * Negative amounts never appear: the verb carries the sign. The subject
 * is the indicator's measure (else its title, else its id) and must be a
 * singular noun phrase ("the number of claimants", not "claimants"): the
 * verbs are "rose", "fell", "was".
 *
 * Nothing here owns memory beyond the strbuf the caller passes. */
#ifndef EIMON_HEADLINE_H
#define EIMON_HEADLINE_H

#include "config.h"
#include "doc.h"
#include "figures.h"
#include "strbuf.h"

/* Append the sentence for indicator ind in geography geo, named in
 * sentences as place (use headline_place for "the ..." names) to out.
 * Returns 1 if a sentence was written, 0 if there is nothing to say (no
 * latest figure), -1 if out hit its cap. */
int headline_sentence(const struct figure_set *set,
		      const struct config_indicator *ind, const char *geo,
		      const char *place, struct strbuf *out);

/* Append "<subject> rose in October 2026" (fell, was unchanged), judged
 * like headline_sentence on the change_prev figure of ind at geo as
 * displayed; "<subject>, latest October 2026" without one. A chart
 * title. Returns 1 if written, 0 without a latest figure, -1 at the
 * cap. */
int headline_moved(const struct figure_set *set,
		   const struct config_indicator *ind, const char *geo,
		   const char *subject, struct strbuf *out);

/* Append "compared with 5.9% in the West Midlands and 4.2% in the UK":
 * the comparators' values in the period of geo's latest value, in config
 * order (those without a value in that period are left out; provisional
 * ones marked). Returns 1 if written, 0 if no comparator has a value
 * (nothing appended), -1 at the cap. */
int headline_versus(const struct figure_set *set, const struct config *cfg,
		    const struct config_indicator *ind, const char *geo,
		    struct strbuf *out);

/* Append the places with the highest values, in rank order (values
 * marked provisional/estimated; nothing when fewer than two places are
 * ranked):
 *   In October 2026, Sandwell had the highest number of claimants (300),
 *   followed by Coventry (250), Birmingham (100) and Dudley (100).
 * At least n places (more when places tie at the n-th rank); places
 * sharing the first rank "had the joint highest". Names are the places'
 * config names; the measure loses its leading "the ". Returns 1 if
 * written, 0 if no place is ranked, -1 at the cap. */
/* Append where geo stands in the indicator's peer group:
 *   The West Midlands region had the joint 2nd highest claimant rate of
 *   the 9 English regions.
 * ("the highest" for the first; "of the 8 English regions with data"
 * when members are not ranked). Returns 1 if written, 0 if geo has no
 * peer rank, -1 at the cap. */
int headline_peer_rank(const struct figure_set *set,
		       const struct config *cfg,
		       const struct config_indicator *ind, const char *geo,
		       struct strbuf *out);
/* Append where the place geo stands among the ranked places, when it is
 * ranked below the first (headline_top names the first):
 *   Walsall had the joint 2nd highest claimant rate of the 7 districts.
 * Ranks and ties are those of the figures (displayed values). Returns 1
 * if written, 0 if geo is not ranked or is first, -1 at the cap. */
int headline_place_rank(const struct figure_set *set,
			const struct config *cfg,
			const struct config_indicator *ind, const char *geo,
			struct strbuf *out);
int headline_top(const struct figure_set *set, const struct config *cfg,
		 const struct config_indicator *ind, size_t n,
		 struct strbuf *out);

/* "6th of 12", "joint 3rd of 4" for geo's rank, or "" when unranked. */
const char *headline_rank(char *buf, size_t size,
			  const struct figure_set *set,
			  const struct config_indicator *ind, const char *geo);

/* A place name as it reads in a sentence: "the West Midlands Combined
 * Authority", "the West Midlands", "the UK", but "Birmingham",
 * "England". */
const char *headline_place(char *buf, size_t size, const char *name);

/* Direction of a change as displayed with the unit's formatting at
 * decimals places: FLAT if it rounds to zero. */
enum doc_direction headline_direction(double change, int unit,
				      long decimals);
/* Direction of figure name (e.g. "change_prev") of ind at geo, or
 * DOC_DIR_NONE when the figure does not exist. */
enum doc_direction headline_figure_direction(const struct figure_set *set,
					     const struct config_indicator
						     *ind,
					     const char *geo,
					     const char *name);
/* Good or bad by polarity (POL_UP_GOOD: up is good); FLAT, NONE and a
 * neutral polarity are neutral. */
enum doc_tone headline_tone(enum doc_direction dir, int polarity);

#endif
