#!/bin/sh
# Starts the backend from an extracted jar (eventchat.jar + lib/ beside this script), with the JDK's AOT cache
# (eventchat.aot) when it is there. The image's ENTRYPOINT; scripts/image-stage-check.sh runs it the same way from a
# copy of the image's /app, and scripts/aot-cache.sh runs it with EVENTCHAT_AOT_TRAINING=1 to record the cache
# (-XX:AOTCacheOutput: the JVM writes it when the process ends), so training and use share every option.
# JAVA_OPTS replaces the default heap, stack and GC settings below (empty or unset: the defaults).
set -e
cd "$(dirname "$0")"
# a small initial heap that grows with use (the JVM's default starts at 1/64 of the machine's memory and touches it),
# 512 KiB thread stacks, and the serial collector (no concurrent GC threads or remembered sets: the lowest footprint
# on a 2-core box with this heap size); measured with scripts/image-stage-check.sh
DEFAULT_JAVA_OPTS="-Xms32m -Xmx384m -Xss512k -XX:+UseSerialGC"
# fewer glibc malloc arenas: less resident memory for the JVM's native allocations, unless set otherwise
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
AOT=""
if [ "${EVENTCHAT_AOT_TRAINING:-0}" = 1 ]; then
  AOT="-XX:AOTCacheOutput=eventchat.aot"
elif [ -f eventchat.aot ]; then
  # a cache that does not match this JVM, these options or these jars is ignored with a warning, never fatal
  AOT="-XX:AOTCache=eventchat.aot"
fi
# shellcheck disable=SC2086 # the options are words
exec java ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS} $AOT -Daxoniq.update-checker.disabled=true -jar eventchat.jar "$@"
