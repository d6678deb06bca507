# Sourced (not run) by .ci/run, run.sh, frontend/scripts/ci.sh, bench/lib.sh and the README's commands: picks the
# JDK 25 the build targets (--release 25) and puts it first on PATH, so ./mvnw and java use it.
#   1. JAVA_HOME when it is already set and holds a java of version 25 or later,
#   2. else Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64 (or any /usr/lib/jvm/temurin-2[5-9]*),
#   3. else the java on PATH when it is version 25 or later,
#   4. else one line saying what to install, and a non-zero status.
# Works in bash and POSIX sh; defines only the java_home_* helpers and JAVA_HOME/PATH.

java_home_major() { # java binary -> its feature version (17, 21, 25 ...), empty when it does not run
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

java_home_pick() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    if [ "$(java_home_major "$JAVA_HOME/bin/java")" -ge 25 ] 2>/dev/null; then echo "$JAVA_HOME"; return 0; fi
    echo "java-home: ignoring JAVA_HOME=$JAVA_HOME (older than 25)" >&2
  fi
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[5-9]*; do
    if [ -x "$candidate/bin/java" ]; then echo "$candidate"; return 0; fi
  done
  if command -v java >/dev/null 2>&1 && [ "$(java_home_major java)" -ge 25 ] 2>/dev/null; then
    # the JDK around the java on PATH (bin/java -> ..)
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
    return 0
  fi
  return 1
}

if JAVA_HOME="$(java_home_pick)"; then
  export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
else
  echo "java-home: no JDK 25 found (JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, java on PATH); install Temurin 25 or set JAVA_HOME to a JDK 25" >&2
  unset JAVA_HOME
  # sourced from a script with set -e this stops it; sourced interactively it only reports
  return 1 2>/dev/null || exit 1
fi
