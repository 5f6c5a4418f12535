# Finds a JDK 21 or newer and exports JAVA_HOME for it. Sourced by ./ecsd, ./run-tests and .ci/run.
# Order: $JAVA_HOME if it is 21+, then every JDK under /usr/lib/jvm (newest first), then `java` on PATH.

ecsd_java_major() {
  # prints the feature version of the java binary given, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

ecsd_find_java() {
  local candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    candidates+=("${candidate%/}")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] || continue
    major=$(ecsd_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      ECSD_JAVA_MAJOR="$major"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "ecsd needs a JDK 21 or newer, and none was found." >&2
  echo "  looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*, and java on PATH" >&2
  echo "  install one (for example: apt-get install -y openjdk-21-jdk-headless) or set JAVA_HOME to it" >&2
  return 1
}

# ecsd_low_pause_gc [OPTIONS]: prints the options of generational ZGC for the JDK ecsd_find_java found (a JDK 21 or
# 22 must be asked for the generational mode; from 23 it is the only one and the flag is obsolete); nothing when the
# OPTIONS given choose a collector themselves (the JVM refuses two).
ecsd_low_pause_gc() {
  case " ${1:-} " in
    *" -XX:+Use"*GC" "*) return 0 ;;
  esac
  if [ "${ECSD_JAVA_MAJOR:-0}" -lt 23 ]; then
    echo "-XX:+UseZGC -XX:+ZGenerational"
  else
    echo "-XX:+UseZGC"
  fi
}

ecsd_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "ecsd builds with Apache Maven, and mvn is not on PATH (apt-get install -y maven)" >&2
    return 1
  fi
}
