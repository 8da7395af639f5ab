#!/usr/bin/env bash
# Prints the home of a JDK >= 21 (JAVA_HOME first, then `java` on the PATH, then the usual install folders).
# Exits 1 with one clear sentence when there is none.
set -u
min=21

major_of() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if command -v java >/dev/null 2>&1; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi
for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
         /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$d" ] && candidates+=("$d")
done

best=""; best_major=0
for home in "${candidates[@]}"; do
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
  major=$(major_of "$home"); major=${major%%.*}
  [ -n "$major" ] || continue
  if [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then best="$home"; best_major=$major; fi
  # JAVA_HOME wins when it is good enough.
  if [ "$home" = "${JAVA_HOME:-}" ] && [ "$major" -ge "$min" ]; then best="$home"; break; fi
done

if [ -z "$best" ]; then
  echo "SatuPintu needs a JDK $min or newer and none was found (checked JAVA_HOME, java on the PATH and /usr/lib/jvm); install one, e.g. 'apt install openjdk-21-jdk' or Temurin 21, and retry." >&2
  exit 1
fi
echo "$best"
