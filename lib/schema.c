/*
 * schema: the table of schema trygg/1 (see schema.h and trygg-plan(5)).
 *
 * The contract's enumerated values are the model's own name lists
 * (tg_status_names …); the Swedish words beside them are those of
 * DESIGN.md §9, in the same order.
 */
#include "schema.h"

#include "trygg.h"

#include <string.h>

#define N(a) (sizeof a / sizeof a[0])
#define REQ TG_KEY_REQUIRED
#define LIST TG_KEY_LIST

static const char *const phase_values[] = { "1", "2", "3", NULL };
static const char *const language_values[] = { "sv", "en", NULL };

static const char *const source_sv[] = { "polisen", "stadsdelen", "omvärlden", NULL };
static const char *const group_sv[] = { "boende", "näringsidkare", "föreningar", NULL };
static const char *const term_sv[] = { "kortsiktig", "långsiktig", "social mobilisering", NULL };
static const char *const kind_sv[] = { "situationell", "social", NULL };
static const char *const status_sv[] = { "föreslagen", "planerad", "pågår", "klar", "avbruten",
	NULL };
static const char *const language_sv[] = { "svenska", "engelska", NULL };

/* A key of each type; v is the schema version that introduced it. */
#define TEXT(k, f) { k, TG_TYPE_TEXT, f, 1, NULL, NULL, NULL, 0, 0, 0 }
#define DATE(k, f) { k, TG_TYPE_DATE, f, 1, NULL, NULL, NULL, 0, 0, 0 }
#define NUMBER(k, f, lo, hi) { k, TG_TYPE_NUMBER, f, 1, NULL, NULL, NULL, 0, lo, hi }
#define WHOLE(k, f, lo, hi) { k, TG_TYPE_WHOLE, f, 1, NULL, NULL, NULL, 0, lo, hi }
#define ENUM(k, f, vals, sv) { k, TG_TYPE_ENUM, f, 1, vals, sv, NULL, 0, 0, 0 }
#define ID(k, f, c) { k, TG_TYPE_ID, f, 1, NULL, NULL, NULL, c, 0, 0 }
#define REF(k, f, c) { k, TG_TYPE_REF, f, 1, NULL, NULL, NULL, c, 0, 0 }
#define MAP(k, f, node) { k, TG_TYPE_MAP, f, 1, NULL, NULL, &node, 0, 0, 0 }
#define NODE(var, nm, wh, sec, keys) \
	const struct tg_schema_node var = { nm, wh, sec, keys, N(keys) }

/* The plan file (districts/NAME.yaml). */

static const struct tg_key respondents_keys[] = {
	WHOLE("residents", 0, 0, 1e8),
	WHOLE("businesses", 0, 0, 1e8),
	WHOLE("associations", 0, 0, 1e8),
};
NODE(tg_schema_respondents, "respondents", "respondents", NULL, respondents_keys);

static const struct tg_key situation_item_keys[] = {
	TEXT("title", REQ),
	TEXT("areas", LIST),
	ENUM("group", 0, tg_group_names + 1, group_sv),
	NUMBER("share", 0, 0, 1),
	NUMBER("index", 0, 0, 6),
	TEXT("note", 0),
};
NODE(tg_schema_situation_item, "situation item", "a situation item", "A situation item",
     situation_item_keys);

static const struct tg_key source_keys[] = {
	DATE("date", 0),
	MAP("respondents", 0, tg_schema_respondents),
	MAP("problems", LIST, tg_schema_situation_item),
};
NODE(tg_schema_source, "source", "a source block", "A source block", source_keys);

static const struct tg_key joint_keys[] = {
	ID("id", REQ, 'S'),
	TEXT("title", REQ),
	TEXT("areas", LIST),
	ENUM("sources", LIST, tg_source_names, source_sv),
	NUMBER("share", 0, 0, 1),
};
NODE(tg_schema_joint, "joint item", "a joint item", "A joint item", joint_keys);

static const struct tg_key situation_keys[] = {
	MAP("police", 0, tg_schema_source),
	MAP("district", 0, tg_schema_source),
	MAP("survey", 0, tg_schema_source),
	MAP("joint", LIST, tg_schema_joint),
};
NODE(tg_schema_situation, "situation", "situation", "situation", situation_keys);

static const struct tg_key point_keys[] = {
	NUMBER("value", REQ, -1e12, 1e12),
	DATE("date", 0),
};
NODE(tg_schema_point, "point", "a baseline or target", NULL, point_keys);

static const struct tg_key indicator_keys[] = {
	TEXT("name", REQ),
	MAP("baseline", 0, tg_schema_point),
	MAP("target", 0, tg_schema_point),
};
NODE(tg_schema_indicator, "indicator", "an indicator", "An indicator", indicator_keys);

static const struct tg_key measure_keys[] = {
	ID("id", REQ, 'M'),
	TEXT("text", REQ),
	ENUM("phase", REQ, phase_values, phase_values),
	ENUM("term", 0, tg_term_names + 1, term_sv),
	ENUM("kind", 0, tg_kind_names + 1, kind_sv),
	TEXT("responsible", LIST),
	DATE("due", 0),
	ENUM("status", 0, tg_status_names, status_sv),
	WHOLE("strategic_areas", LIST, 1, 1000),
};
NODE(tg_schema_measure, "measure", "a measure", "A measure", measure_keys);

static const struct tg_key followup_keys[] = {
	DATE("date", REQ),
	REF("measures", LIST, 'M'),
	TEXT("done", 0),
	TEXT("effect", 0),
	{ "indicators", TG_TYPE_READINGS, 0, 1, NULL, NULL, NULL, 0, -1e12, 1e12 },
};
NODE(tg_schema_followup, "follow-up", "a follow-up", "A follow-up", followup_keys);

static const struct tg_key problem_keys[] = {
	ID("id", REQ, 'P'),
	TEXT("title", REQ),
	REF("situation", 0, 'S'),
	TEXT("causes", LIST),
	TEXT("goal", 0),
	MAP("indicators", LIST, tg_schema_indicator),
	TEXT("subgoals", LIST),
	WHOLE("strategic_areas", LIST, 1, 1000),
	MAP("measures", LIST, tg_schema_measure),
	MAP("followups", LIST, tg_schema_followup),
};
NODE(tg_schema_problem, "problem", "a problem", "A problem", problem_keys);

static const struct tg_key plan_keys[] = {
	TEXT("schema", REQ),
	TEXT("district", REQ),
	TEXT("areas", LIST),
	MAP("situation", 0, tg_schema_situation),
	MAP("problems", LIST, tg_schema_problem),
};
NODE(tg_schema_plan, "plan", "a district plan", "The top level", plan_keys);

/* The workspace file (trygg.yaml). */

static const struct tg_key area_keys[] = {
	WHOLE("id", REQ, 1, 1000),
	TEXT("name", REQ),
};
NODE(tg_schema_area, "strategic area", "strategic_areas", NULL, area_keys);

static const struct tg_key phase_keys[] = {
	WHOLE("id", REQ, 1, 3),
	TEXT("name", REQ),
};
NODE(tg_schema_phase, "phase", "phases", NULL, phase_keys);

static const struct tg_key source_name_keys[] = {
	ENUM("id", REQ, tg_source_names, source_sv),
	TEXT("name", REQ),
};
NODE(tg_schema_source_name, "source name", "sources", NULL, source_name_keys);

static const struct tg_key thresholds_keys[] = {
	NUMBER("yellow", 0, 0, 1),
	NUMBER("red", 0, 0, 1),
};
NODE(tg_schema_thresholds, "thresholds", "thresholds", NULL, thresholds_keys);

static const struct tg_key workspace_keys[] = {
	TEXT("schema", REQ),
	TEXT("city", 0),
	ENUM("language", 0, language_values, language_sv),
	MAP("strategic_areas", LIST, tg_schema_area),
	TEXT("initiatives", LIST),
	MAP("phases", LIST, tg_schema_phase),
	MAP("sources", LIST, tg_schema_source_name),
	TEXT("organisations", LIST),
	/* a list of lists of titles: each entry is itself a list */
	TEXT("synonyms", LIST),
	MAP("thresholds", 0, tg_schema_thresholds),
};
NODE(tg_schema_workspace, "workspace", "trygg.yaml", "THE WORKSPACE FILE", workspace_keys);

const struct tg_schema_node *const tg_schema_nodes[] = {
	&tg_schema_plan, &tg_schema_situation, &tg_schema_source, &tg_schema_respondents,
	&tg_schema_situation_item, &tg_schema_joint, &tg_schema_problem, &tg_schema_indicator,
	&tg_schema_point, &tg_schema_measure, &tg_schema_followup,
	&tg_schema_workspace, &tg_schema_area, &tg_schema_phase, &tg_schema_source_name,
	&tg_schema_thresholds, NULL
};

int tg_schema_key_index(const struct tg_schema_node *node, const char *name)
{
	for (size_t i = 0; i < node->n; i++)
		if (!strcmp(node->keys[i].name, name))
			return (int)i;
	return -1;
}

const struct tg_key *tg_schema_key(const struct tg_schema_node *node, const char *name)
{
	int i = tg_schema_key_index(node, name);
	return i < 0 ? NULL : &node->keys[i];
}
