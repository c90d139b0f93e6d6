// The W3C and other namespace IRIs, and the few terms used by name, written once: code
// says ns::xsd or ns::rdfType instead of spelling an IRI again.
#pragma once

namespace guidegraph::ns {

inline constexpr const char* rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr const char* rdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr const char* xsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr const char* xsi = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr const char* owl = "http://www.w3.org/2002/07/owl#";
inline constexpr const char* schema = "https://schema.org/";
inline constexpr const char* dcterms = "http://purl.org/dc/terms/";
inline constexpr const char* dc = "http://purl.org/dc/elements/1.1/";
inline constexpr const char* skos = "http://www.w3.org/2004/02/skos/core#";
inline constexpr const char* foaf = "http://xmlns.com/foaf/0.1/";
inline constexpr const char* prov = "http://www.w3.org/ns/prov#";
inline constexpr const char* dcat = "http://www.w3.org/ns/dcat#";
inline constexpr const char* sh = "http://www.w3.org/ns/shacl#";
inline constexpr const char* formats = "http://www.w3.org/ns/formats/";
inline constexpr const char* gg = "https://w3id.org/guidegraph/vocab#";
inline constexpr const char* wd = "http://www.wikidata.org/entity/";

// Terms (C++ cannot join the constants above at compile time, so these are spelt out).
inline constexpr const char* rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
inline constexpr const char* rdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
inline constexpr const char* rdfRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
inline constexpr const char* rdfNil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
inline constexpr const char* rdfLangString =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
inline constexpr const char* rdfsSubClassOf = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
inline constexpr const char* rdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label";
inline constexpr const char* xsdString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr const char* xsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
inline constexpr const char* skosPrefLabel = "http://www.w3.org/2004/02/skos/core#prefLabel";
inline constexpr const char* schemaName = "https://schema.org/name";
inline constexpr const char* dctermsTitle = "http://purl.org/dc/terms/title";
inline constexpr const char* foafName = "http://xmlns.com/foaf/0.1/name";
inline constexpr const char* shViolation = "http://www.w3.org/ns/shacl#Violation";
inline constexpr const char* shWarning = "http://www.w3.org/ns/shacl#Warning";
inline constexpr const char* shInfo = "http://www.w3.org/ns/shacl#Info";

}  // namespace guidegraph::ns
