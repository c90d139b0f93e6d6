# Sourced by the bulk tests: the class path of Apache Jena from Debian's libapache-jena-java
# and the libraries it depends on (the package ships no tdb2.* scripts). Logging bindings
# other than slf4j-api's own default are left out: two of them on one class path stop Jena.
#   jena_classpath DIR  -> prints the class path, or nothing when the package is missing.
# Debian 12's jena-core.jar moves Jena's copy of Xerces to the package `xerces` but keeps its
# message files under org/apache/jena/ext/xerces, so that Jena fails at start with
# "RuntimeException: internal error" in XSSimpleTypeDecl; DIR receives a copy of the message
# files where the moved classes look for them, and goes on the class path.
jena_classpath() {
  local fix=$1
  dpkg -s libapache-jena-java > /dev/null 2>&1 || return 0
  local pkgs p
  pkgs="libapache-jena-java $(apt-cache depends --important libapache-jena-java 2>/dev/null | awk '/Depends:/ {print $2}')"
  for p in $pkgs; do dpkg -L "$p" 2>/dev/null; done \
    | grep -E '^/usr/share/java/[^/]*\.jar$' \
    | grep -vE '/(slf4j-(jcl|jdk14|log4j12|simple|nop)|log4j-over-slf4j|jcl-over-slf4j|jul-to-slf4j)[-.]' \
    | grep -vE -- '-[0-9][0-9.]*[^/]*\.jar$' | sort -u | paste -sd: | tr -d '\n'
  if unzip -l /usr/share/java/jena-core.jar 'xerces/impl/dv/xs/XSSimpleTypeDecl.class' > /dev/null 2>&1 &&
     ! unzip -l /usr/share/java/jena-core.jar 'xerces/impl/msg/XMLSchemaMessages.properties' > /dev/null 2>&1; then
    mkdir -p "$fix/unpacked" "$fix/xerces"
    unzip -q -o /usr/share/java/jena-core.jar 'org/apache/jena/ext/xerces/*.properties' -d "$fix/unpacked"
    cp -r "$fix/unpacked/org/apache/jena/ext/xerces/." "$fix/xerces/"
    rm -rf "$fix/unpacked"
  fi
  printf ':%s\n' "$fix"
}
