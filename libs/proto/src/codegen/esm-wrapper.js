// pbjs wrapper: protobufjs 7 is CommonJS without an exports map, so Node's ESM loader needs the
// file extension in the specifier and its named exports are only reachable via the default import.
import $protobuf from $DEPENDENCY;

$OUTPUT;

export { $root as default };
