/*
 * entity_types.h — the entity types' names, written once (internal).
 *
 * NM__ENTITY_TYPES(X) calls X(NAME) for each OntoNotes type the library emits, NAME being both
 * the suffix of its NM_ENT_ constant (newsmine/annotation.h) and its name in the output:
 * nm_entity_type_name (error.c) and render.c's pre-rendered object heads expand it.
 */
#ifndef NM_ENTITY_TYPES_H
#define NM_ENTITY_TYPES_H

#define NM__ENTITY_TYPES(X)                                                                        \
    X(PERSON) X(NORP) X(FAC) X(ORG) X(GPE) X(LOC) X(PRODUCT) X(EVENT) X(WORK_OF_ART) X(LAW)       \
    X(LANGUAGE) X(DATE) X(TIME) X(PERCENT) X(QUANTITY) X(ORDINAL) X(CARDINAL)

#endif
