/*
 * schema: the table of schemas trygg/1 and trygg/2 (see schema.h and
 * trygg-plan(5)).
 *
 * The contract's enumerated values are the model's own name lists
 * (tg_status_names …); the Swedish words beside them are those of
 * DESIGN.md §9, in the same order.
 */
#include "schema.h"

#include "trygg.h"

#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof a / sizeof a[0])
#define REQ TG_KEY_REQUIRED
#define LIST TG_KEY_LIST

static const char *const language_values[] = { "sv", "en", NULL };
static const char *const bool_values[] = { "true", "false", NULL };
static const char *const bool_sv[] = { "ja", "nej", NULL };

static const char *const source_sv[] = { "polisen", "stadsdelen", "omvärlden", NULL };
static const char *const group_sv[] = { "boende", "näringsidkare", "föreningar", NULL };
static const char *const term_sv[] = { "kortsiktig", "långsiktig", "social mobilisering", NULL };
static const char *const kind_sv[] = { "situationell", "social", NULL };
static const char *const status_sv[] = { "föreslagen", "planerad", "pågår", "klar", "avbruten",
	NULL };
static const char *const language_sv[] = { "svenska", "engelska", NULL };
static const char *const decision_sv[] = { "prioriterad", "bevakas", "ej prioriterad", NULL };
static const char *const outcome_sv[] = { "uppfyllt", "delvis", "ej uppfyllt", NULL };
static const char *const unit_sv[] = { "andel", "antal", "index", "takt", NULL };
static const char *const direction_sv[] = { "ner", "upp", NULL };
static const char *const origin_sv[] = { "plan", "uppföljning", NULL };

/* A key of each type, of schema version 1 on, or of version 2 on (…2). */
#define K(k, t, f, v, vals, sv, of, c, lo, hi) { k, t, f, v, 0, vals, sv, of, c, lo, hi }
#define TEXT(k, f) K(k, TG_TYPE_TEXT, f, 1, NULL, NULL, NULL, 0, 0, 0)
#define TEXT2(k, f) K(k, TG_TYPE_TEXT, f, 2, NULL, NULL, NULL, 0, 0, 0)
#define DATE(k, f) K(k, TG_TYPE_DATE, f, 1, NULL, NULL, NULL, 0, 0, 0)
#define DATE2(k, f) K(k, TG_TYPE_DATE, f, 2, NULL, NULL, NULL, 0, 0, 0)
#define NUMBER(k, f, lo, hi) K(k, TG_TYPE_NUMBER, f, 1, NULL, NULL, NULL, 0, lo, hi)
#define NUMBER2(k, f, lo, hi) K(k, TG_TYPE_NUMBER, f, 2, NULL, NULL, NULL, 0, lo, hi)
#define WHOLE(k, f, lo, hi) K(k, TG_TYPE_WHOLE, f, 1, NULL, NULL, NULL, 0, lo, hi)
#define WHOLE2(k, f, lo, hi) K(k, TG_TYPE_WHOLE, f, 2, NULL, NULL, NULL, 0, lo, hi)
#define ENUM(k, f, vals, sv) K(k, TG_TYPE_ENUM, f, 1, vals, sv, NULL, 0, 0, 0)
#define ENUM2(k, f, vals, sv) K(k, TG_TYPE_ENUM, f, 2, vals, sv, NULL, 0, 0, 0)
#define ID(k, f, c) K(k, TG_TYPE_ID, f, 1, NULL, NULL, NULL, c, 0, 0)
#define ID2(k, f, c) K(k, TG_TYPE_ID, f, 2, NULL, NULL, NULL, c, 0, 0)
#define REF(k, f, c) K(k, TG_TYPE_REF, f, 1, NULL, NULL, NULL, c, 0, 0)
#define REF2(k, f, c) K(k, TG_TYPE_REF, f, 2, NULL, NULL, NULL, c, 0, 0)
#define MAP(k, f, node) K(k, TG_TYPE_MAP, f, 1, NULL, NULL, &node, 0, 0, 0)
#define MAP2(k, f, node) K(k, TG_TYPE_MAP, f, 2, NULL, NULL, &node, 0, 0, 0)
#define NODE(var, nm, wh, sec, keys) \
	const struct tg_schema_node var = { nm, wh, sec, keys, N(keys) }

/* The plan file (districts/NAME.yaml). */

static const struct tg_key respondents_keys[] = {
	[TG_RESP_RESIDENTS] = WHOLE("residents", 0, 0, 1e8),
	[TG_RESP_BUSINESSES] = WHOLE("businesses", 0, 0, 1e8),
	[TG_RESP_ASSOCIATIONS] = WHOLE("associations", 0, 0, 1e8),
};
NODE(tg_schema_respondents, "respondents", "respondents", NULL, respondents_keys);

static const struct tg_key situation_item_keys[] = {
	[TG_SITEM_TITLE] = TEXT("title", REQ),
	[TG_SITEM_AREAS] = TEXT("areas", LIST),
	[TG_SITEM_GROUP] = ENUM("group", 0, tg_group_names + 1, group_sv),
	[TG_SITEM_SHARE] = NUMBER("share", 0, 0, 1),
	[TG_SITEM_BY_AREA] = K("by_area", TG_TYPE_SHARES, 0, 2, NULL, NULL, NULL, 0, 0, 1),
	[TG_SITEM_INDEX] = NUMBER("index", 0, 0, 6),
	[TG_SITEM_NOTE] = TEXT("note", 0),
};
NODE(tg_schema_situation_item, "situation item", "a situation item", "A situation item",
     situation_item_keys);

static const struct tg_key source_keys[] = {
	[TG_SRC_DATE] = DATE("date", 0),
	[TG_SRC_RESPONDENTS] = MAP("respondents", 0, tg_schema_respondents),
	[TG_SRC_PROBLEMS] = MAP("problems", LIST, tg_schema_situation_item),
};
NODE(tg_schema_source, "source", "a source block", "A source block", source_keys);

static const struct tg_key decided_keys[] = {
	[TG_DECIDED_DATE] = DATE2("date", 0),
	[TG_DECIDED_BY] = TEXT2("by", 0),
};
NODE(tg_schema_decided, "decided", "decided", NULL, decided_keys);

static const struct tg_key joint_keys[] = {
	[TG_JOINT_ID] = ID("id", REQ, 'S'),
	[TG_JOINT_TITLE] = TEXT("title", REQ),
	[TG_JOINT_AREAS] = TEXT("areas", LIST),
	[TG_JOINT_SOURCES] = ENUM("sources", LIST, tg_source_names, source_sv),
	[TG_JOINT_SHARE] = NUMBER("share", 0, 0, 1),
	[TG_JOINT_DECISION] = ENUM2("decision", 0, tg_decision_names, decision_sv),
	[TG_JOINT_RANK] = WHOLE2("rank", 0, 1, 1000000),
	[TG_JOINT_RATIONALE] = TEXT2("rationale", 0),
	[TG_JOINT_DECIDED] = MAP2("decided", 0, tg_schema_decided),
};
NODE(tg_schema_joint, "joint item", "a joint item", "A joint item", joint_keys);

static const struct tg_key situation_keys[] = {
	[TG_SIT_POLICE] = MAP("police", 0, tg_schema_source),
	[TG_SIT_DISTRICT] = MAP("district", 0, tg_schema_source),
	[TG_SIT_SURVEY] = MAP("survey", 0, tg_schema_source),
	[TG_SIT_JOINT] = MAP("joint", LIST, tg_schema_joint),
};
NODE(tg_schema_situation, "situation", "situation", "situation", situation_keys);

static const struct tg_key point_keys[] = {
	[TG_POINT_VALUE] = NUMBER("value", REQ, -1e12, 1e12),
	[TG_POINT_DATE] = DATE("date", 0),
};
NODE(tg_schema_point, "point", "a baseline or target", NULL, point_keys);

static const struct tg_key reading_keys[] = {
	[TG_READING_DATE] = DATE2("date", REQ),
	[TG_READING_VALUE] = NUMBER2("value", REQ, -1e12, 1e12),
	[TG_READING_NOTE] = TEXT2("note", 0),
};
NODE(tg_schema_reading, "reading", "a reading", NULL, reading_keys);

static const struct tg_key indicator_keys[] = {
	[TG_IND_ID] = ID2("id", REQ, 'I'),
	[TG_IND_NAME] = TEXT("name", REQ),
	[TG_IND_UNIT] = ENUM2("unit", 0, tg_unit_names, unit_sv),
	[TG_IND_DIRECTION] = ENUM2("direction", 0, tg_direction_names, direction_sv),
	[TG_IND_SOURCE] = TEXT2("source", 0),
	[TG_IND_BASELINE] = MAP("baseline", 0, tg_schema_point),
	[TG_IND_TARGET] = MAP("target", 0, tg_schema_point),
	[TG_IND_READINGS] = MAP2("readings", LIST, tg_schema_reading),
};
NODE(tg_schema_indicator, "indicator", "an indicator", "An indicator", indicator_keys);

static const struct tg_key history_keys[] = {
	[TG_HIST_DATE] = DATE2("date", 0),
	[TG_HIST_STATUS] = ENUM2("status", REQ, tg_status_names, status_sv),
};
NODE(tg_schema_history, "history entry", "a history entry", NULL, history_keys);

static const struct tg_key measure_keys[] = {
	[TG_MEAS_ID] = ID("id", REQ, 'M'),
	[TG_MEAS_TEXT] = TEXT("text", REQ),
	[TG_MEAS_PHASE] = ENUM("phase", REQ, tg_phase_values, tg_phase_values),
	[TG_MEAS_ORIGIN] = ENUM2("origin", 0, tg_origin_names, origin_sv),
	[TG_MEAS_TERM] = ENUM("term", 0, tg_term_names + 1, term_sv),
	[TG_MEAS_KIND] = ENUM("kind", 0, tg_kind_names + 1, kind_sv),
	[TG_MEAS_RESPONSIBLE] = TEXT("responsible", LIST),
	[TG_MEAS_DUE] = DATE("due", 0),
	[TG_MEAS_STATUS] = ENUM("status", 0, tg_status_names, status_sv),
	[TG_MEAS_AREAS] = TEXT2("areas", LIST),
	[TG_MEAS_INITIATIVES] = WHOLE2("initiatives", LIST, 1, 1000),
	[TG_MEAS_STRATEGIC_AREAS] = WHOLE("strategic_areas", LIST, 1, 1000),
	[TG_MEAS_HISTORY] = MAP2("history", LIST, tg_schema_history),
};
NODE(tg_schema_measure, "measure", "a measure", "A measure", measure_keys);

static const struct tg_key followup_keys[] = {
	[TG_FU_ID] = ID2("id", REQ, 'F'),
	[TG_FU_DATE] = DATE("date", REQ),
	[TG_FU_BY] = TEXT2("by", 0),
	[TG_FU_MEASURES] = REF("measures", LIST, 'M'),
	[TG_FU_DONE] = TEXT("done", 0),
	[TG_FU_EFFECT] = TEXT("effect", 0),
	[TG_FU_INDICATORS] = K("indicators", TG_TYPE_READINGS, 0, 1, NULL, NULL, NULL, 0, -1e12, 1e12),
};
NODE(tg_schema_followup, "follow-up", "a follow-up", "A follow-up", followup_keys);

static const struct tg_key period_keys[] = {
	[TG_PERIOD_FROM] = DATE2("from", 0),
	[TG_PERIOD_TO] = DATE2("to", 0),
};
NODE(tg_schema_period, "period", "period", NULL, period_keys);

static const struct tg_key problem_keys[] = {
	[TG_PROB_ID] = ID("id", REQ, 'P'),
	[TG_PROB_TITLE] = TEXT("title", REQ),
	[TG_PROB_DESCRIPTION] = TEXT2("description", 0),
	[TG_PROB_PERIOD] = MAP2("period", 0, tg_schema_period),
	[TG_PROB_SITUATION] = REF("situation", 0, 'S'),
	[TG_PROB_AREAS] = TEXT2("areas", LIST),
	[TG_PROB_INITIATIVES] = WHOLE2("initiatives", LIST, 1, 1000),
	[TG_PROB_CAUSES] = TEXT("causes", LIST),
	[TG_PROB_GOAL] = TEXT("goal", 0),
	[TG_PROB_INDICATORS] = MAP("indicators", LIST, tg_schema_indicator),
	[TG_PROB_SUBGOALS] = TEXT("subgoals", LIST),
	[TG_PROB_STRATEGIC_AREAS] = WHOLE("strategic_areas", LIST, 1, 1000),
	[TG_PROB_MEASURES] = MAP("measures", LIST, tg_schema_measure),
	[TG_PROB_FOLLOWUPS] = MAP("followups", LIST, tg_schema_followup),
};
NODE(tg_schema_problem, "problem", "a problem", "A problem", problem_keys);

static const struct tg_key outcome_keys[] = {
	[TG_OUT_DATE] = DATE2("date", REQ),
	[TG_OUT_STATUS] = ENUM2("status", REQ, tg_outcome_names, outcome_sv),
	[TG_OUT_TEXT] = TEXT2("text", 0),
};
NODE(tg_schema_outcome, "outcome", "an outcome", NULL, outcome_keys);

static const struct tg_key promise_keys[] = {
	[TG_PROM_ID] = ID2("id", REQ, 'L'),
	[TG_PROM_TEXT] = TEXT2("text", REQ),
	[TG_PROM_FROM] = DATE2("from", 0),
	[TG_PROM_TO] = DATE2("to", 0),
	[TG_PROM_SIGNATORIES] = TEXT2("signatories", LIST),
	[TG_PROM_MEASURES] = REF2("measures", LIST, 'M'),
	[TG_PROM_OUTCOMES] = MAP2("outcomes", LIST, tg_schema_outcome),
};
NODE(tg_schema_promise, "promise", "a promise", "A promise", promise_keys);

static const struct tg_key plan_keys[] = {
	[TG_PLAN_SCHEMA] = TEXT("schema", REQ),
	[TG_PLAN_DISTRICT] = TEXT("district", REQ),
	[TG_PLAN_AREAS] = TEXT("areas", LIST),
	[TG_PLAN_SITUATION] = MAP("situation", 0, tg_schema_situation),
	[TG_PLAN_PROBLEMS] = MAP("problems", LIST, tg_schema_problem),
	[TG_PLAN_PROMISES] = MAP2("promises", LIST, tg_schema_promise),
};
NODE(tg_schema_plan, "plan", "a district plan", "The top level", plan_keys);

/* The workspace file (trygg.yaml). */

static const struct tg_key area_keys[] = {
	[TG_NAMED_ID] = WHOLE("id", REQ, 1, 1000),
	[TG_NAMED_NAME] = TEXT("name", REQ),
};
NODE(tg_schema_area, "strategic area", "strategic_areas", NULL, area_keys);

static const struct tg_key initiative_keys[] = {
	[TG_NAMED_ID] = WHOLE2("id", REQ, 1, 1000),
	[TG_NAMED_NAME] = TEXT2("name", REQ),
};
NODE(tg_schema_initiative, "initiative", "initiatives", NULL, initiative_keys);

static const struct tg_key phase_keys[] = {
	[TG_NAMED_ID] = WHOLE("id", REQ, 1, 3),
	[TG_NAMED_NAME] = TEXT("name", REQ),
};
NODE(tg_schema_phase, "phase", "phases", NULL, phase_keys);

static const struct tg_key source_name_keys[] = {
	[TG_NAMED_ID] = ENUM("id", REQ, tg_source_names, source_sv),
	[TG_NAMED_NAME] = TEXT("name", REQ),
};
NODE(tg_schema_source_name, "source name", "sources", NULL, source_name_keys);

static const struct tg_key group_keys[] = {
	[TG_NAMED_ID] = TEXT2("id", REQ),
	[TG_NAMED_NAME] = TEXT2("name", REQ),
	[TG_GROUP_MEMBERS] = TEXT2("members", LIST),
};
NODE(tg_schema_group, "group", "groups", NULL, group_keys);

static const struct tg_key thresholds_keys[] = {
	[TG_THR_YELLOW] = NUMBER("yellow", 0, 0, 1),
	[TG_THR_RED] = NUMBER("red", 0, 0, 1),
};
NODE(tg_schema_thresholds, "thresholds", "thresholds", NULL, thresholds_keys);

static const struct tg_key workspace_keys[] = {
	[TG_WS_SCHEMA] = TEXT("schema", REQ),
	[TG_WS_CITY] = TEXT("city", 0),
	[TG_WS_LANGUAGE] = ENUM("language", 0, language_values, language_sv),
	[TG_WS_STRATEGIC_AREAS] = MAP("strategic_areas", LIST, tg_schema_area),
	/* version 1: a list of names; version 2: {id, name} like strategic_areas */
	[TG_WS_INITIATIVES1] = { "initiatives", TG_TYPE_TEXT, LIST, 1, 1, NULL, NULL, NULL, 0, 0, 0 },
	[TG_WS_INITIATIVES] = MAP2("initiatives", LIST, tg_schema_initiative),
	[TG_WS_PHASES] = MAP("phases", LIST, tg_schema_phase),
	[TG_WS_SOURCES] = MAP("sources", LIST, tg_schema_source_name),
	[TG_WS_ORGANISATIONS] = TEXT("organisations", LIST),
	/* a list of lists of titles: each entry is itself a list */
	[TG_WS_SYNONYMS] = TEXT("synonyms", LIST),
	[TG_WS_THRESHOLDS] = MAP("thresholds", 0, tg_schema_thresholds),
	[TG_WS_GROUPS] = MAP2("groups", LIST, tg_schema_group),
	[TG_WS_AUTOCOMMIT] = ENUM("autocommit", 0, bool_values, bool_sv),
};
NODE(tg_schema_workspace, "workspace", "trygg.yaml", "THE WORKSPACE FILE", workspace_keys);

const struct tg_schema_node *const tg_schema_nodes[] = {
	&tg_schema_plan, &tg_schema_situation, &tg_schema_source, &tg_schema_respondents,
	&tg_schema_situation_item, &tg_schema_joint, &tg_schema_decided, &tg_schema_problem,
	&tg_schema_period, &tg_schema_indicator, &tg_schema_point, &tg_schema_reading,
	&tg_schema_measure, &tg_schema_history, &tg_schema_followup, &tg_schema_promise,
	&tg_schema_outcome,
	&tg_schema_workspace, &tg_schema_area, &tg_schema_initiative, &tg_schema_phase,
	&tg_schema_source_name, &tg_schema_thresholds, &tg_schema_group, NULL
};

bool tg_schema_has(const struct tg_key *key, unsigned version)
{
	return key->since <= version && (!key->until || version <= key->until);
}

int tg_schema_key_index(const struct tg_schema_node *node, const char *name, unsigned version)
{
	for (size_t i = 0; i < node->n; i++)
		if (!strcmp(node->keys[i].name, name) && tg_schema_has(&node->keys[i], version))
			return (int)i;
	return -1;
}

const struct tg_key *tg_schema_key(const struct tg_schema_node *node, const char *name)
{
	int i = tg_schema_key_index(node, name, TG_SCHEMA_VERSION);
	return i < 0 ? NULL : &node->keys[i];
}

int tg_schema_word(const struct tg_key *k, const char *typed)
{
	char *t = tg_word_key(typed);
	int found = -1;
	for (int i = 0; found < 0 && k->values && k->values[i]; i++) {
		char *v = tg_word_key(k->values[i]), *w = k->sv && k->sv[i] ? tg_word_key(k->sv[i]) : NULL;
		if (!strcmp(t, v) || (w && !strcmp(t, w)))
			found = i;
		free(v);
		free(w);
	}
	free(t);
	return found;
}

/* The keys whose values a person types, by the name a command knows
 * them by (an option, a CSV column, a KEY of plan set). */
static const struct {
	const char *what;
	const struct tg_schema_node *node;
	int key;
} typed_keys[] = {
	{ "status", &tg_schema_measure, TG_MEAS_STATUS },
	{ "term", &tg_schema_measure, TG_MEAS_TERM },
	{ "kind", &tg_schema_measure, TG_MEAS_KIND },
	{ "origin", &tg_schema_measure, TG_MEAS_ORIGIN },
	{ "decision", &tg_schema_joint, TG_JOINT_DECISION },
	{ "outcome", &tg_schema_outcome, TG_OUT_STATUS },
	{ "unit", &tg_schema_indicator, TG_IND_UNIT },
	{ "direction", &tg_schema_indicator, TG_IND_DIRECTION },
	{ "source", &tg_schema_joint, TG_JOINT_SOURCES },
	{ "group", &tg_schema_situation_item, TG_SITEM_GROUP },
};

const struct tg_key *tg_schema_typed_key(const char *what)
{
	for (size_t i = 0; i < N(typed_keys); i++)
		if (!strcmp(typed_keys[i].what, what))
			return &typed_keys[i].node->keys[typed_keys[i].key];
	return NULL;
}

const char *tg_schema_value(const char *what, const char *typed)
{
	const struct tg_key *k = tg_schema_typed_key(what);
	int i = k && typed ? tg_schema_word(k, typed) : -1;
	return i < 0 ? NULL : k->values[i];
}
