/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars*/
// pbjs wrapper: protobufjs 7 is CommonJS without an exports map, so Node's ESM loader needs the
// file extension in the specifier and its named exports are only reachable via the default import.
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const distill = $root.distill = (() => {

    /**
     * Namespace distill.
     * @exports distill
     * @namespace
     */
    const distill = {};

    distill.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof distill
         * @namespace
         */
        const v1 = {};

        v1.RngState = (function() {

            /**
             * Properties of a RngState.
             * @memberof distill.v1
             * @interface IRngState
             * @property {string|null} [algorithm] RngState algorithm
             * @property {Array.<number>|null} [state] RngState state
             */

            /**
             * Constructs a new RngState.
             * @memberof distill.v1
             * @classdesc Represents a RngState.
             * @implements IRngState
             * @constructor
             * @param {distill.v1.IRngState=} [properties] Properties to set
             */
            function RngState(properties) {
                this.state = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * RngState algorithm.
             * @member {string} algorithm
             * @memberof distill.v1.RngState
             * @instance
             */
            RngState.prototype.algorithm = "";

            /**
             * RngState state.
             * @member {Array.<number>} state
             * @memberof distill.v1.RngState
             * @instance
             */
            RngState.prototype.state = $util.emptyArray;

            /**
             * Creates a new RngState instance using the specified properties.
             * @function create
             * @memberof distill.v1.RngState
             * @static
             * @param {distill.v1.IRngState=} [properties] Properties to set
             * @returns {distill.v1.RngState} RngState instance
             */
            RngState.create = function create(properties) {
                return new RngState(properties);
            };

            /**
             * Encodes the specified RngState message. Does not implicitly {@link distill.v1.RngState.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.RngState
             * @static
             * @param {distill.v1.IRngState} message RngState message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RngState.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.algorithm != null && Object.hasOwnProperty.call(message, "algorithm"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.algorithm);
                if (message.state != null && message.state.length) {
                    writer.uint32(/* id 2, wireType 2 =*/18).fork();
                    for (let i = 0; i < message.state.length; ++i)
                        writer.uint32(message.state[i]);
                    writer.ldelim();
                }
                return writer;
            };

            /**
             * Decodes a RngState message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.RngState
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.RngState} RngState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RngState.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.RngState();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.algorithm = reader.string();
                            break;
                        }
                    case 2: {
                            if (!(message.state && message.state.length))
                                message.state = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.state.push(reader.uint32());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.state.push(reader.uint32());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a RngState message.
             * @function verify
             * @memberof distill.v1.RngState
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            RngState.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.algorithm != null && Object.hasOwnProperty.call(message, "algorithm"))
                    if (!$util.isString(message.algorithm))
                        return "algorithm: string expected";
                if (message.state != null && Object.hasOwnProperty.call(message, "state")) {
                    if (!Array.isArray(message.state))
                        return "state: array expected";
                    for (let i = 0; i < message.state.length; ++i)
                        if (!$util.isInteger(message.state[i]))
                            return "state: integer[] expected";
                }
                return null;
            };

            /**
             * Creates a RngState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.RngState
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.RngState} RngState
             */
            RngState.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.RngState)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.RngState: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.RngState();
                if (object.algorithm != null)
                    message.algorithm = String(object.algorithm);
                if (object.state) {
                    if (!Array.isArray(object.state))
                        throw TypeError(".distill.v1.RngState.state: array expected");
                    message.state = [];
                    for (let i = 0; i < object.state.length; ++i)
                        message.state[i] = object.state[i] >>> 0;
                }
                return message;
            };

            /**
             * Creates a plain object from a RngState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.RngState
             * @static
             * @param {distill.v1.RngState} message RngState
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RngState.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.state = [];
                if (options.defaults)
                    object.algorithm = "";
                if (message.algorithm != null && Object.hasOwnProperty.call(message, "algorithm"))
                    object.algorithm = message.algorithm;
                if (message.state && message.state.length) {
                    object.state = [];
                    for (let j = 0; j < message.state.length; ++j)
                        object.state[j] = message.state[j];
                }
                return object;
            };

            /**
             * Converts this RngState to JSON.
             * @function toJSON
             * @memberof distill.v1.RngState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RngState.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return RngState;
        })();

        v1.Checkpoint = (function() {

            /**
             * Properties of a Checkpoint.
             * @memberof distill.v1
             * @interface ICheckpoint
             * @property {number|null} [schemaVersion] Checkpoint schemaVersion
             * @property {string|null} [runId] Checkpoint runId
             * @property {number|null} [step] Checkpoint step
             * @property {number|null} [epoch] Checkpoint epoch
             * @property {Object.<string,string>|null} [modelKeys] Checkpoint modelKeys
             * @property {string|null} [optimizerStateKey] Checkpoint optimizerStateKey
             * @property {distill.v1.IRngState|null} [rngState] Checkpoint rngState
             * @property {number|null} [createdAtMs] Checkpoint createdAtMs
             */

            /**
             * Constructs a new Checkpoint.
             * @memberof distill.v1
             * @classdesc Represents a Checkpoint.
             * @implements ICheckpoint
             * @constructor
             * @param {distill.v1.ICheckpoint=} [properties] Properties to set
             */
            function Checkpoint(properties) {
                this.modelKeys = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Checkpoint schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.Checkpoint
             * @instance
             */
            Checkpoint.prototype.schemaVersion = 0;

            /**
             * Checkpoint runId.
             * @member {string} runId
             * @memberof distill.v1.Checkpoint
             * @instance
             */
            Checkpoint.prototype.runId = "";

            /**
             * Checkpoint step.
             * @member {number} step
             * @memberof distill.v1.Checkpoint
             * @instance
             */
            Checkpoint.prototype.step = 0;

            /**
             * Checkpoint epoch.
             * @member {number} epoch
             * @memberof distill.v1.Checkpoint
             * @instance
             */
            Checkpoint.prototype.epoch = 0;

            /**
             * Checkpoint modelKeys.
             * @member {Object.<string,string>} modelKeys
             * @memberof distill.v1.Checkpoint
             * @instance
             */
            Checkpoint.prototype.modelKeys = $util.emptyObject;

            /**
             * Checkpoint optimizerStateKey.
             * @member {string} optimizerStateKey
             * @memberof distill.v1.Checkpoint
             * @instance
             */
            Checkpoint.prototype.optimizerStateKey = "";

            /**
             * Checkpoint rngState.
             * @member {distill.v1.IRngState|null|undefined} rngState
             * @memberof distill.v1.Checkpoint
             * @instance
             */
            Checkpoint.prototype.rngState = null;

            /**
             * Checkpoint createdAtMs.
             * @member {number} createdAtMs
             * @memberof distill.v1.Checkpoint
             * @instance
             */
            Checkpoint.prototype.createdAtMs = 0;

            /**
             * Creates a new Checkpoint instance using the specified properties.
             * @function create
             * @memberof distill.v1.Checkpoint
             * @static
             * @param {distill.v1.ICheckpoint=} [properties] Properties to set
             * @returns {distill.v1.Checkpoint} Checkpoint instance
             */
            Checkpoint.create = function create(properties) {
                return new Checkpoint(properties);
            };

            /**
             * Encodes the specified Checkpoint message. Does not implicitly {@link distill.v1.Checkpoint.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.Checkpoint
             * @static
             * @param {distill.v1.ICheckpoint} message Checkpoint message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Checkpoint.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.runId);
                if (message.step != null && Object.hasOwnProperty.call(message, "step"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.step);
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.epoch);
                if (message.modelKeys != null && Object.hasOwnProperty.call(message, "modelKeys"))
                    for (let keys = Object.keys(message.modelKeys), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.modelKeys[keys[i]]).ldelim();
                if (message.optimizerStateKey != null && Object.hasOwnProperty.call(message, "optimizerStateKey"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.optimizerStateKey);
                if (message.rngState != null && Object.hasOwnProperty.call(message, "rngState"))
                    $root.distill.v1.RngState.encode(message.rngState, writer.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                if (message.createdAtMs != null && Object.hasOwnProperty.call(message, "createdAtMs"))
                    writer.uint32(/* id 8, wireType 1 =*/65).double(message.createdAtMs);
                return writer;
            };

            /**
             * Decodes a Checkpoint message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.Checkpoint
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.Checkpoint} Checkpoint
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Checkpoint.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.Checkpoint();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.runId = reader.string();
                            break;
                        }
                    case 3: {
                            message.step = reader.uint32();
                            break;
                        }
                    case 4: {
                            message.epoch = reader.uint32();
                            break;
                        }
                    case 5: {
                            if (message.modelKeys === $util.emptyObject)
                                message.modelKeys = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.string();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.modelKeys, key);
                            message.modelKeys[key] = value;
                            break;
                        }
                    case 6: {
                            message.optimizerStateKey = reader.string();
                            break;
                        }
                    case 7: {
                            message.rngState = $root.distill.v1.RngState.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 8: {
                            message.createdAtMs = reader.double();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a Checkpoint message.
             * @function verify
             * @memberof distill.v1.Checkpoint
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Checkpoint.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    if (!$util.isString(message.runId))
                        return "runId: string expected";
                if (message.step != null && Object.hasOwnProperty.call(message, "step"))
                    if (!$util.isInteger(message.step))
                        return "step: integer expected";
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    if (!$util.isInteger(message.epoch))
                        return "epoch: integer expected";
                if (message.modelKeys != null && Object.hasOwnProperty.call(message, "modelKeys")) {
                    if (!$util.isObject(message.modelKeys))
                        return "modelKeys: object expected";
                    let key = Object.keys(message.modelKeys);
                    for (let i = 0; i < key.length; ++i)
                        if (!$util.isString(message.modelKeys[key[i]]))
                            return "modelKeys: string{k:string} expected";
                }
                if (message.optimizerStateKey != null && Object.hasOwnProperty.call(message, "optimizerStateKey"))
                    if (!$util.isString(message.optimizerStateKey))
                        return "optimizerStateKey: string expected";
                if (message.rngState != null && Object.hasOwnProperty.call(message, "rngState")) {
                    let error = $root.distill.v1.RngState.verify(message.rngState, long + 1);
                    if (error)
                        return "rngState." + error;
                }
                if (message.createdAtMs != null && Object.hasOwnProperty.call(message, "createdAtMs"))
                    if (typeof message.createdAtMs !== "number")
                        return "createdAtMs: number expected";
                return null;
            };

            /**
             * Creates a Checkpoint message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.Checkpoint
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.Checkpoint} Checkpoint
             */
            Checkpoint.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.Checkpoint)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.Checkpoint: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.Checkpoint();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.runId != null)
                    message.runId = String(object.runId);
                if (object.step != null)
                    message.step = object.step >>> 0;
                if (object.epoch != null)
                    message.epoch = object.epoch >>> 0;
                if (object.modelKeys) {
                    if (!$util.isObject(object.modelKeys))
                        throw TypeError(".distill.v1.Checkpoint.modelKeys: object expected");
                    message.modelKeys = {};
                    for (let keys = Object.keys(object.modelKeys), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.modelKeys, keys[i]);
                        message.modelKeys[keys[i]] = String(object.modelKeys[keys[i]]);
                    }
                }
                if (object.optimizerStateKey != null)
                    message.optimizerStateKey = String(object.optimizerStateKey);
                if (object.rngState != null) {
                    if (!$util.isObject(object.rngState))
                        throw TypeError(".distill.v1.Checkpoint.rngState: object expected");
                    message.rngState = $root.distill.v1.RngState.fromObject(object.rngState, long + 1);
                }
                if (object.createdAtMs != null)
                    message.createdAtMs = Number(object.createdAtMs);
                return message;
            };

            /**
             * Creates a plain object from a Checkpoint message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.Checkpoint
             * @static
             * @param {distill.v1.Checkpoint} message Checkpoint
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Checkpoint.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.modelKeys = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.runId = "";
                    object.step = 0;
                    object.epoch = 0;
                    object.optimizerStateKey = "";
                    object.rngState = null;
                    object.createdAtMs = 0;
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    object.runId = message.runId;
                if (message.step != null && Object.hasOwnProperty.call(message, "step"))
                    object.step = message.step;
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    object.epoch = message.epoch;
                let keys2;
                if (message.modelKeys && (keys2 = Object.keys(message.modelKeys)).length) {
                    object.modelKeys = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.modelKeys, keys2[j]);
                        object.modelKeys[keys2[j]] = message.modelKeys[keys2[j]];
                    }
                }
                if (message.optimizerStateKey != null && Object.hasOwnProperty.call(message, "optimizerStateKey"))
                    object.optimizerStateKey = message.optimizerStateKey;
                if (message.rngState != null && Object.hasOwnProperty.call(message, "rngState"))
                    object.rngState = $root.distill.v1.RngState.toObject(message.rngState, options, q + 1);
                if (message.createdAtMs != null && Object.hasOwnProperty.call(message, "createdAtMs"))
                    object.createdAtMs = options.json && !isFinite(message.createdAtMs) ? String(message.createdAtMs) : message.createdAtMs;
                return object;
            };

            /**
             * Converts this Checkpoint to JSON.
             * @function toJSON
             * @memberof distill.v1.Checkpoint
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Checkpoint.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Checkpoint;
        })();

        v1.DatasetShardRef = (function() {

            /**
             * Properties of a DatasetShardRef.
             * @memberof distill.v1
             * @interface IDatasetShardRef
             * @property {number|null} [index] DatasetShardRef index
             * @property {string|null} [key] DatasetShardRef key
             * @property {number|null} [count] DatasetShardRef count
             * @property {string|null} [sha256] DatasetShardRef sha256
             * @property {number|null} [firstSample] DatasetShardRef firstSample
             */

            /**
             * Constructs a new DatasetShardRef.
             * @memberof distill.v1
             * @classdesc Represents a DatasetShardRef.
             * @implements IDatasetShardRef
             * @constructor
             * @param {distill.v1.IDatasetShardRef=} [properties] Properties to set
             */
            function DatasetShardRef(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * DatasetShardRef index.
             * @member {number} index
             * @memberof distill.v1.DatasetShardRef
             * @instance
             */
            DatasetShardRef.prototype.index = 0;

            /**
             * DatasetShardRef key.
             * @member {string} key
             * @memberof distill.v1.DatasetShardRef
             * @instance
             */
            DatasetShardRef.prototype.key = "";

            /**
             * DatasetShardRef count.
             * @member {number} count
             * @memberof distill.v1.DatasetShardRef
             * @instance
             */
            DatasetShardRef.prototype.count = 0;

            /**
             * DatasetShardRef sha256.
             * @member {string} sha256
             * @memberof distill.v1.DatasetShardRef
             * @instance
             */
            DatasetShardRef.prototype.sha256 = "";

            /**
             * DatasetShardRef firstSample.
             * @member {number} firstSample
             * @memberof distill.v1.DatasetShardRef
             * @instance
             */
            DatasetShardRef.prototype.firstSample = 0;

            /**
             * Creates a new DatasetShardRef instance using the specified properties.
             * @function create
             * @memberof distill.v1.DatasetShardRef
             * @static
             * @param {distill.v1.IDatasetShardRef=} [properties] Properties to set
             * @returns {distill.v1.DatasetShardRef} DatasetShardRef instance
             */
            DatasetShardRef.create = function create(properties) {
                return new DatasetShardRef(properties);
            };

            /**
             * Encodes the specified DatasetShardRef message. Does not implicitly {@link distill.v1.DatasetShardRef.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.DatasetShardRef
             * @static
             * @param {distill.v1.IDatasetShardRef} message DatasetShardRef message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DatasetShardRef.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.index);
                if (message.key != null && Object.hasOwnProperty.call(message, "key"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.key);
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.count);
                if (message.sha256 != null && Object.hasOwnProperty.call(message, "sha256"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.sha256);
                if (message.firstSample != null && Object.hasOwnProperty.call(message, "firstSample"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.firstSample);
                return writer;
            };

            /**
             * Decodes a DatasetShardRef message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.DatasetShardRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.DatasetShardRef} DatasetShardRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DatasetShardRef.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.DatasetShardRef();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.index = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.key = reader.string();
                            break;
                        }
                    case 3: {
                            message.count = reader.uint32();
                            break;
                        }
                    case 4: {
                            message.sha256 = reader.string();
                            break;
                        }
                    case 5: {
                            message.firstSample = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a DatasetShardRef message.
             * @function verify
             * @memberof distill.v1.DatasetShardRef
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DatasetShardRef.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    if (!$util.isInteger(message.index))
                        return "index: integer expected";
                if (message.key != null && Object.hasOwnProperty.call(message, "key"))
                    if (!$util.isString(message.key))
                        return "key: string expected";
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    if (!$util.isInteger(message.count))
                        return "count: integer expected";
                if (message.sha256 != null && Object.hasOwnProperty.call(message, "sha256"))
                    if (!$util.isString(message.sha256))
                        return "sha256: string expected";
                if (message.firstSample != null && Object.hasOwnProperty.call(message, "firstSample"))
                    if (!$util.isInteger(message.firstSample))
                        return "firstSample: integer expected";
                return null;
            };

            /**
             * Creates a DatasetShardRef message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.DatasetShardRef
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.DatasetShardRef} DatasetShardRef
             */
            DatasetShardRef.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.DatasetShardRef)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.DatasetShardRef: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.DatasetShardRef();
                if (object.index != null)
                    message.index = object.index >>> 0;
                if (object.key != null)
                    message.key = String(object.key);
                if (object.count != null)
                    message.count = object.count >>> 0;
                if (object.sha256 != null)
                    message.sha256 = String(object.sha256);
                if (object.firstSample != null)
                    message.firstSample = object.firstSample >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a DatasetShardRef message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.DatasetShardRef
             * @static
             * @param {distill.v1.DatasetShardRef} message DatasetShardRef
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DatasetShardRef.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.index = 0;
                    object.key = "";
                    object.count = 0;
                    object.sha256 = "";
                    object.firstSample = 0;
                }
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    object.index = message.index;
                if (message.key != null && Object.hasOwnProperty.call(message, "key"))
                    object.key = message.key;
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    object.count = message.count;
                if (message.sha256 != null && Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = message.sha256;
                if (message.firstSample != null && Object.hasOwnProperty.call(message, "firstSample"))
                    object.firstSample = message.firstSample;
                return object;
            };

            /**
             * Converts this DatasetShardRef to JSON.
             * @function toJSON
             * @memberof distill.v1.DatasetShardRef
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DatasetShardRef.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return DatasetShardRef;
        })();

        v1.DatasetManifest = (function() {

            /**
             * Properties of a DatasetManifest.
             * @memberof distill.v1
             * @interface IDatasetManifest
             * @property {number|null} [schemaVersion] DatasetManifest schemaVersion
             * @property {string|null} [datasetId] DatasetManifest datasetId
             * @property {string|null} [source] DatasetManifest source
             * @property {number|null} [count] DatasetManifest count
             * @property {number|null} [height] DatasetManifest height
             * @property {number|null} [width] DatasetManifest width
             * @property {number|null} [channels] DatasetManifest channels
             * @property {Array.<string>|null} [classNames] DatasetManifest classNames
             * @property {Array.<distill.v1.IDatasetShardRef>|null} [shards] DatasetManifest shards
             */

            /**
             * Constructs a new DatasetManifest.
             * @memberof distill.v1
             * @classdesc Represents a DatasetManifest.
             * @implements IDatasetManifest
             * @constructor
             * @param {distill.v1.IDatasetManifest=} [properties] Properties to set
             */
            function DatasetManifest(properties) {
                this.classNames = [];
                this.shards = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * DatasetManifest schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.DatasetManifest
             * @instance
             */
            DatasetManifest.prototype.schemaVersion = 0;

            /**
             * DatasetManifest datasetId.
             * @member {string} datasetId
             * @memberof distill.v1.DatasetManifest
             * @instance
             */
            DatasetManifest.prototype.datasetId = "";

            /**
             * DatasetManifest source.
             * @member {string} source
             * @memberof distill.v1.DatasetManifest
             * @instance
             */
            DatasetManifest.prototype.source = "";

            /**
             * DatasetManifest count.
             * @member {number} count
             * @memberof distill.v1.DatasetManifest
             * @instance
             */
            DatasetManifest.prototype.count = 0;

            /**
             * DatasetManifest height.
             * @member {number} height
             * @memberof distill.v1.DatasetManifest
             * @instance
             */
            DatasetManifest.prototype.height = 0;

            /**
             * DatasetManifest width.
             * @member {number} width
             * @memberof distill.v1.DatasetManifest
             * @instance
             */
            DatasetManifest.prototype.width = 0;

            /**
             * DatasetManifest channels.
             * @member {number} channels
             * @memberof distill.v1.DatasetManifest
             * @instance
             */
            DatasetManifest.prototype.channels = 0;

            /**
             * DatasetManifest classNames.
             * @member {Array.<string>} classNames
             * @memberof distill.v1.DatasetManifest
             * @instance
             */
            DatasetManifest.prototype.classNames = $util.emptyArray;

            /**
             * DatasetManifest shards.
             * @member {Array.<distill.v1.IDatasetShardRef>} shards
             * @memberof distill.v1.DatasetManifest
             * @instance
             */
            DatasetManifest.prototype.shards = $util.emptyArray;

            /**
             * Creates a new DatasetManifest instance using the specified properties.
             * @function create
             * @memberof distill.v1.DatasetManifest
             * @static
             * @param {distill.v1.IDatasetManifest=} [properties] Properties to set
             * @returns {distill.v1.DatasetManifest} DatasetManifest instance
             */
            DatasetManifest.create = function create(properties) {
                return new DatasetManifest(properties);
            };

            /**
             * Encodes the specified DatasetManifest message. Does not implicitly {@link distill.v1.DatasetManifest.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.DatasetManifest
             * @static
             * @param {distill.v1.IDatasetManifest} message DatasetManifest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DatasetManifest.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.datasetId);
                if (message.source != null && Object.hasOwnProperty.call(message, "source"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.source);
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.count);
                if (message.height != null && Object.hasOwnProperty.call(message, "height"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.height);
                if (message.width != null && Object.hasOwnProperty.call(message, "width"))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.width);
                if (message.channels != null && Object.hasOwnProperty.call(message, "channels"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.channels);
                if (message.classNames != null && message.classNames.length)
                    for (let i = 0; i < message.classNames.length; ++i)
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.classNames[i]);
                if (message.shards != null && message.shards.length)
                    for (let i = 0; i < message.shards.length; ++i)
                        $root.distill.v1.DatasetShardRef.encode(message.shards[i], writer.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a DatasetManifest message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.DatasetManifest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.DatasetManifest} DatasetManifest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DatasetManifest.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.DatasetManifest();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.datasetId = reader.string();
                            break;
                        }
                    case 3: {
                            message.source = reader.string();
                            break;
                        }
                    case 4: {
                            message.count = reader.uint32();
                            break;
                        }
                    case 5: {
                            message.height = reader.uint32();
                            break;
                        }
                    case 6: {
                            message.width = reader.uint32();
                            break;
                        }
                    case 7: {
                            message.channels = reader.uint32();
                            break;
                        }
                    case 8: {
                            if (!(message.classNames && message.classNames.length))
                                message.classNames = [];
                            message.classNames.push(reader.string());
                            break;
                        }
                    case 9: {
                            if (!(message.shards && message.shards.length))
                                message.shards = [];
                            message.shards.push($root.distill.v1.DatasetShardRef.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a DatasetManifest message.
             * @function verify
             * @memberof distill.v1.DatasetManifest
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DatasetManifest.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    if (!$util.isString(message.datasetId))
                        return "datasetId: string expected";
                if (message.source != null && Object.hasOwnProperty.call(message, "source"))
                    if (!$util.isString(message.source))
                        return "source: string expected";
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    if (!$util.isInteger(message.count))
                        return "count: integer expected";
                if (message.height != null && Object.hasOwnProperty.call(message, "height"))
                    if (!$util.isInteger(message.height))
                        return "height: integer expected";
                if (message.width != null && Object.hasOwnProperty.call(message, "width"))
                    if (!$util.isInteger(message.width))
                        return "width: integer expected";
                if (message.channels != null && Object.hasOwnProperty.call(message, "channels"))
                    if (!$util.isInteger(message.channels))
                        return "channels: integer expected";
                if (message.classNames != null && Object.hasOwnProperty.call(message, "classNames")) {
                    if (!Array.isArray(message.classNames))
                        return "classNames: array expected";
                    for (let i = 0; i < message.classNames.length; ++i)
                        if (!$util.isString(message.classNames[i]))
                            return "classNames: string[] expected";
                }
                if (message.shards != null && Object.hasOwnProperty.call(message, "shards")) {
                    if (!Array.isArray(message.shards))
                        return "shards: array expected";
                    for (let i = 0; i < message.shards.length; ++i) {
                        let error = $root.distill.v1.DatasetShardRef.verify(message.shards[i], long + 1);
                        if (error)
                            return "shards." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a DatasetManifest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.DatasetManifest
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.DatasetManifest} DatasetManifest
             */
            DatasetManifest.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.DatasetManifest)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.DatasetManifest: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.DatasetManifest();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.datasetId != null)
                    message.datasetId = String(object.datasetId);
                if (object.source != null)
                    message.source = String(object.source);
                if (object.count != null)
                    message.count = object.count >>> 0;
                if (object.height != null)
                    message.height = object.height >>> 0;
                if (object.width != null)
                    message.width = object.width >>> 0;
                if (object.channels != null)
                    message.channels = object.channels >>> 0;
                if (object.classNames) {
                    if (!Array.isArray(object.classNames))
                        throw TypeError(".distill.v1.DatasetManifest.classNames: array expected");
                    message.classNames = [];
                    for (let i = 0; i < object.classNames.length; ++i)
                        message.classNames[i] = String(object.classNames[i]);
                }
                if (object.shards) {
                    if (!Array.isArray(object.shards))
                        throw TypeError(".distill.v1.DatasetManifest.shards: array expected");
                    message.shards = [];
                    for (let i = 0; i < object.shards.length; ++i) {
                        if (!$util.isObject(object.shards[i]))
                            throw TypeError(".distill.v1.DatasetManifest.shards: object expected");
                        message.shards[i] = $root.distill.v1.DatasetShardRef.fromObject(object.shards[i], long + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a DatasetManifest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.DatasetManifest
             * @static
             * @param {distill.v1.DatasetManifest} message DatasetManifest
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DatasetManifest.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.classNames = [];
                    object.shards = [];
                }
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.datasetId = "";
                    object.source = "";
                    object.count = 0;
                    object.height = 0;
                    object.width = 0;
                    object.channels = 0;
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    object.datasetId = message.datasetId;
                if (message.source != null && Object.hasOwnProperty.call(message, "source"))
                    object.source = message.source;
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    object.count = message.count;
                if (message.height != null && Object.hasOwnProperty.call(message, "height"))
                    object.height = message.height;
                if (message.width != null && Object.hasOwnProperty.call(message, "width"))
                    object.width = message.width;
                if (message.channels != null && Object.hasOwnProperty.call(message, "channels"))
                    object.channels = message.channels;
                if (message.classNames && message.classNames.length) {
                    object.classNames = [];
                    for (let j = 0; j < message.classNames.length; ++j)
                        object.classNames[j] = message.classNames[j];
                }
                if (message.shards && message.shards.length) {
                    object.shards = [];
                    for (let j = 0; j < message.shards.length; ++j)
                        object.shards[j] = $root.distill.v1.DatasetShardRef.toObject(message.shards[j], options, q + 1);
                }
                return object;
            };

            /**
             * Converts this DatasetManifest to JSON.
             * @function toJSON
             * @memberof distill.v1.DatasetManifest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DatasetManifest.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return DatasetManifest;
        })();

        v1.DatasetShard = (function() {

            /**
             * Properties of a DatasetShard.
             * @memberof distill.v1
             * @interface IDatasetShard
             * @property {number|null} [schemaVersion] DatasetShard schemaVersion
             * @property {string|null} [datasetId] DatasetShard datasetId
             * @property {number|null} [index] DatasetShard index
             * @property {number|null} [firstSample] DatasetShard firstSample
             * @property {number|null} [count] DatasetShard count
             * @property {number|null} [height] DatasetShard height
             * @property {number|null} [width] DatasetShard width
             * @property {number|null} [channels] DatasetShard channels
             * @property {Uint8Array|null} [images] DatasetShard images
             * @property {Array.<number>|null} [labels] DatasetShard labels
             */

            /**
             * Constructs a new DatasetShard.
             * @memberof distill.v1
             * @classdesc Represents a DatasetShard.
             * @implements IDatasetShard
             * @constructor
             * @param {distill.v1.IDatasetShard=} [properties] Properties to set
             */
            function DatasetShard(properties) {
                this.labels = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * DatasetShard schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.schemaVersion = 0;

            /**
             * DatasetShard datasetId.
             * @member {string} datasetId
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.datasetId = "";

            /**
             * DatasetShard index.
             * @member {number} index
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.index = 0;

            /**
             * DatasetShard firstSample.
             * @member {number} firstSample
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.firstSample = 0;

            /**
             * DatasetShard count.
             * @member {number} count
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.count = 0;

            /**
             * DatasetShard height.
             * @member {number} height
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.height = 0;

            /**
             * DatasetShard width.
             * @member {number} width
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.width = 0;

            /**
             * DatasetShard channels.
             * @member {number} channels
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.channels = 0;

            /**
             * DatasetShard images.
             * @member {Uint8Array} images
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.images = $util.newBuffer([]);

            /**
             * DatasetShard labels.
             * @member {Array.<number>} labels
             * @memberof distill.v1.DatasetShard
             * @instance
             */
            DatasetShard.prototype.labels = $util.emptyArray;

            /**
             * Creates a new DatasetShard instance using the specified properties.
             * @function create
             * @memberof distill.v1.DatasetShard
             * @static
             * @param {distill.v1.IDatasetShard=} [properties] Properties to set
             * @returns {distill.v1.DatasetShard} DatasetShard instance
             */
            DatasetShard.create = function create(properties) {
                return new DatasetShard(properties);
            };

            /**
             * Encodes the specified DatasetShard message. Does not implicitly {@link distill.v1.DatasetShard.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.DatasetShard
             * @static
             * @param {distill.v1.IDatasetShard} message DatasetShard message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DatasetShard.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.datasetId);
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.index);
                if (message.firstSample != null && Object.hasOwnProperty.call(message, "firstSample"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.firstSample);
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.count);
                if (message.height != null && Object.hasOwnProperty.call(message, "height"))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.height);
                if (message.width != null && Object.hasOwnProperty.call(message, "width"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.width);
                if (message.channels != null && Object.hasOwnProperty.call(message, "channels"))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.channels);
                if (message.images != null && Object.hasOwnProperty.call(message, "images"))
                    writer.uint32(/* id 9, wireType 2 =*/74).bytes(message.images);
                if (message.labels != null && message.labels.length) {
                    writer.uint32(/* id 10, wireType 2 =*/82).fork();
                    for (let i = 0; i < message.labels.length; ++i)
                        writer.int32(message.labels[i]);
                    writer.ldelim();
                }
                return writer;
            };

            /**
             * Decodes a DatasetShard message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.DatasetShard
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.DatasetShard} DatasetShard
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DatasetShard.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.DatasetShard();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.datasetId = reader.string();
                            break;
                        }
                    case 3: {
                            message.index = reader.uint32();
                            break;
                        }
                    case 4: {
                            message.firstSample = reader.uint32();
                            break;
                        }
                    case 5: {
                            message.count = reader.uint32();
                            break;
                        }
                    case 6: {
                            message.height = reader.uint32();
                            break;
                        }
                    case 7: {
                            message.width = reader.uint32();
                            break;
                        }
                    case 8: {
                            message.channels = reader.uint32();
                            break;
                        }
                    case 9: {
                            message.images = reader.bytes();
                            break;
                        }
                    case 10: {
                            if (!(message.labels && message.labels.length))
                                message.labels = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.labels.push(reader.int32());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.labels.push(reader.int32());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a DatasetShard message.
             * @function verify
             * @memberof distill.v1.DatasetShard
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DatasetShard.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    if (!$util.isString(message.datasetId))
                        return "datasetId: string expected";
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    if (!$util.isInteger(message.index))
                        return "index: integer expected";
                if (message.firstSample != null && Object.hasOwnProperty.call(message, "firstSample"))
                    if (!$util.isInteger(message.firstSample))
                        return "firstSample: integer expected";
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    if (!$util.isInteger(message.count))
                        return "count: integer expected";
                if (message.height != null && Object.hasOwnProperty.call(message, "height"))
                    if (!$util.isInteger(message.height))
                        return "height: integer expected";
                if (message.width != null && Object.hasOwnProperty.call(message, "width"))
                    if (!$util.isInteger(message.width))
                        return "width: integer expected";
                if (message.channels != null && Object.hasOwnProperty.call(message, "channels"))
                    if (!$util.isInteger(message.channels))
                        return "channels: integer expected";
                if (message.images != null && Object.hasOwnProperty.call(message, "images"))
                    if (!(message.images && typeof message.images.length === "number" || $util.isString(message.images)))
                        return "images: buffer expected";
                if (message.labels != null && Object.hasOwnProperty.call(message, "labels")) {
                    if (!Array.isArray(message.labels))
                        return "labels: array expected";
                    for (let i = 0; i < message.labels.length; ++i)
                        if (!$util.isInteger(message.labels[i]))
                            return "labels: integer[] expected";
                }
                return null;
            };

            /**
             * Creates a DatasetShard message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.DatasetShard
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.DatasetShard} DatasetShard
             */
            DatasetShard.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.DatasetShard)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.DatasetShard: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.DatasetShard();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.datasetId != null)
                    message.datasetId = String(object.datasetId);
                if (object.index != null)
                    message.index = object.index >>> 0;
                if (object.firstSample != null)
                    message.firstSample = object.firstSample >>> 0;
                if (object.count != null)
                    message.count = object.count >>> 0;
                if (object.height != null)
                    message.height = object.height >>> 0;
                if (object.width != null)
                    message.width = object.width >>> 0;
                if (object.channels != null)
                    message.channels = object.channels >>> 0;
                if (object.images != null)
                    if (typeof object.images === "string")
                        $util.base64.decode(object.images, message.images = $util.newBuffer($util.base64.length(object.images)), 0);
                    else if (object.images.length >= 0)
                        message.images = object.images;
                if (object.labels) {
                    if (!Array.isArray(object.labels))
                        throw TypeError(".distill.v1.DatasetShard.labels: array expected");
                    message.labels = [];
                    for (let i = 0; i < object.labels.length; ++i)
                        message.labels[i] = object.labels[i] | 0;
                }
                return message;
            };

            /**
             * Creates a plain object from a DatasetShard message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.DatasetShard
             * @static
             * @param {distill.v1.DatasetShard} message DatasetShard
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DatasetShard.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.labels = [];
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.datasetId = "";
                    object.index = 0;
                    object.firstSample = 0;
                    object.count = 0;
                    object.height = 0;
                    object.width = 0;
                    object.channels = 0;
                    if (options.bytes === String)
                        object.images = "";
                    else {
                        object.images = [];
                        if (options.bytes !== Array)
                            object.images = $util.newBuffer(object.images);
                    }
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    object.datasetId = message.datasetId;
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    object.index = message.index;
                if (message.firstSample != null && Object.hasOwnProperty.call(message, "firstSample"))
                    object.firstSample = message.firstSample;
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    object.count = message.count;
                if (message.height != null && Object.hasOwnProperty.call(message, "height"))
                    object.height = message.height;
                if (message.width != null && Object.hasOwnProperty.call(message, "width"))
                    object.width = message.width;
                if (message.channels != null && Object.hasOwnProperty.call(message, "channels"))
                    object.channels = message.channels;
                if (message.images != null && Object.hasOwnProperty.call(message, "images"))
                    object.images = options.bytes === String ? $util.base64.encode(message.images, 0, message.images.length) : options.bytes === Array ? Array.prototype.slice.call(message.images) : message.images;
                if (message.labels && message.labels.length) {
                    object.labels = [];
                    for (let j = 0; j < message.labels.length; ++j)
                        object.labels[j] = message.labels[j];
                }
                return object;
            };

            /**
             * Converts this DatasetShard to JSON.
             * @function toJSON
             * @memberof distill.v1.DatasetShard
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DatasetShard.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return DatasetShard;
        })();

        /**
         * ErrorCode enum.
         * @name distill.v1.ErrorCode
         * @enum {number}
         * @property {number} ERROR_CODE_UNSPECIFIED=0 ERROR_CODE_UNSPECIFIED value
         * @property {number} ERROR_CODE_INVALID_ARGUMENT=1 ERROR_CODE_INVALID_ARGUMENT value
         * @property {number} ERROR_CODE_NOT_FOUND=2 ERROR_CODE_NOT_FOUND value
         * @property {number} ERROR_CODE_CORRUPT_DATA=3 ERROR_CODE_CORRUPT_DATA value
         * @property {number} ERROR_CODE_UNAVAILABLE=4 ERROR_CODE_UNAVAILABLE value
         * @property {number} ERROR_CODE_INTERNAL=5 ERROR_CODE_INTERNAL value
         */
        v1.ErrorCode = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "ERROR_CODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ERROR_CODE_INVALID_ARGUMENT"] = 1;
            values[valuesById[2] = "ERROR_CODE_NOT_FOUND"] = 2;
            values[valuesById[3] = "ERROR_CODE_CORRUPT_DATA"] = 3;
            values[valuesById[4] = "ERROR_CODE_UNAVAILABLE"] = 4;
            values[valuesById[5] = "ERROR_CODE_INTERNAL"] = 5;
            return values;
        })();

        v1.ErrorInfo = (function() {

            /**
             * Properties of an ErrorInfo.
             * @memberof distill.v1
             * @interface IErrorInfo
             * @property {number|null} [schemaVersion] ErrorInfo schemaVersion
             * @property {distill.v1.ErrorCode|null} [code] ErrorInfo code
             * @property {string|null} [message] ErrorInfo message
             * @property {string|null} [jobId] ErrorInfo jobId
             */

            /**
             * Constructs a new ErrorInfo.
             * @memberof distill.v1
             * @classdesc Represents an ErrorInfo.
             * @implements IErrorInfo
             * @constructor
             * @param {distill.v1.IErrorInfo=} [properties] Properties to set
             */
            function ErrorInfo(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ErrorInfo schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.ErrorInfo
             * @instance
             */
            ErrorInfo.prototype.schemaVersion = 0;

            /**
             * ErrorInfo code.
             * @member {distill.v1.ErrorCode} code
             * @memberof distill.v1.ErrorInfo
             * @instance
             */
            ErrorInfo.prototype.code = 0;

            /**
             * ErrorInfo message.
             * @member {string} message
             * @memberof distill.v1.ErrorInfo
             * @instance
             */
            ErrorInfo.prototype.message = "";

            /**
             * ErrorInfo jobId.
             * @member {string} jobId
             * @memberof distill.v1.ErrorInfo
             * @instance
             */
            ErrorInfo.prototype.jobId = "";

            /**
             * Creates a new ErrorInfo instance using the specified properties.
             * @function create
             * @memberof distill.v1.ErrorInfo
             * @static
             * @param {distill.v1.IErrorInfo=} [properties] Properties to set
             * @returns {distill.v1.ErrorInfo} ErrorInfo instance
             */
            ErrorInfo.create = function create(properties) {
                return new ErrorInfo(properties);
            };

            /**
             * Encodes the specified ErrorInfo message. Does not implicitly {@link distill.v1.ErrorInfo.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.ErrorInfo
             * @static
             * @param {distill.v1.IErrorInfo} message ErrorInfo message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ErrorInfo.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.code != null && Object.hasOwnProperty.call(message, "code"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.code);
                if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.message);
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.jobId);
                return writer;
            };

            /**
             * Decodes an ErrorInfo message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.ErrorInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.ErrorInfo} ErrorInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ErrorInfo.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.ErrorInfo();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.code = reader.int32();
                            break;
                        }
                    case 3: {
                            message.message = reader.string();
                            break;
                        }
                    case 4: {
                            message.jobId = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies an ErrorInfo message.
             * @function verify
             * @memberof distill.v1.ErrorInfo
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ErrorInfo.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.code != null && Object.hasOwnProperty.call(message, "code"))
                    switch (message.code) {
                    default:
                        return "code: enum value expected";
                    case 0:
                    case 1:
                    case 2:
                    case 3:
                    case 4:
                    case 5:
                        break;
                    }
                if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                return null;
            };

            /**
             * Creates an ErrorInfo message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.ErrorInfo
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.ErrorInfo} ErrorInfo
             */
            ErrorInfo.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.ErrorInfo)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.ErrorInfo: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.ErrorInfo();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                switch (object.code) {
                default:
                    if (typeof object.code === "number") {
                        message.code = object.code;
                        break;
                    }
                    break;
                case "ERROR_CODE_UNSPECIFIED":
                case 0:
                    message.code = 0;
                    break;
                case "ERROR_CODE_INVALID_ARGUMENT":
                case 1:
                    message.code = 1;
                    break;
                case "ERROR_CODE_NOT_FOUND":
                case 2:
                    message.code = 2;
                    break;
                case "ERROR_CODE_CORRUPT_DATA":
                case 3:
                    message.code = 3;
                    break;
                case "ERROR_CODE_UNAVAILABLE":
                case 4:
                    message.code = 4;
                    break;
                case "ERROR_CODE_INTERNAL":
                case 5:
                    message.code = 5;
                    break;
                }
                if (object.message != null)
                    message.message = String(object.message);
                if (object.jobId != null)
                    message.jobId = String(object.jobId);
                return message;
            };

            /**
             * Creates a plain object from an ErrorInfo message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.ErrorInfo
             * @static
             * @param {distill.v1.ErrorInfo} message ErrorInfo
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ErrorInfo.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.code = options.enums === String ? "ERROR_CODE_UNSPECIFIED" : 0;
                    object.message = "";
                    object.jobId = "";
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.code != null && Object.hasOwnProperty.call(message, "code"))
                    object.code = options.enums === String ? $root.distill.v1.ErrorCode[message.code] === undefined ? message.code : $root.distill.v1.ErrorCode[message.code] : message.code;
                if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                return object;
            };

            /**
             * Converts this ErrorInfo to JSON.
             * @function toJSON
             * @memberof distill.v1.ErrorInfo
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ErrorInfo.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ErrorInfo;
        })();

        v1.FeatureShard = (function() {

            /**
             * Properties of a FeatureShard.
             * @memberof distill.v1
             * @interface IFeatureShard
             * @property {number|null} [schemaVersion] FeatureShard schemaVersion
             * @property {string|null} [teacherId] FeatureShard teacherId
             * @property {string|null} [datasetId] FeatureShard datasetId
             * @property {string|null} [planId] FeatureShard planId
             * @property {number|null} [epoch] FeatureShard epoch
             * @property {number|null} [view] FeatureShard view
             * @property {number|null} [index] FeatureShard index
             * @property {Array.<number>|null} [sampleIndices] FeatureShard sampleIndices
             * @property {number|null} [embeddingDim] FeatureShard embeddingDim
             * @property {Uint8Array|null} [embeddings] FeatureShard embeddings
             * @property {number|null} [logitsDim] FeatureShard logitsDim
             * @property {Uint8Array|null} [logits] FeatureShard logits
             */

            /**
             * Constructs a new FeatureShard.
             * @memberof distill.v1
             * @classdesc Represents a FeatureShard.
             * @implements IFeatureShard
             * @constructor
             * @param {distill.v1.IFeatureShard=} [properties] Properties to set
             */
            function FeatureShard(properties) {
                this.sampleIndices = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * FeatureShard schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.schemaVersion = 0;

            /**
             * FeatureShard teacherId.
             * @member {string} teacherId
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.teacherId = "";

            /**
             * FeatureShard datasetId.
             * @member {string} datasetId
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.datasetId = "";

            /**
             * FeatureShard planId.
             * @member {string} planId
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.planId = "";

            /**
             * FeatureShard epoch.
             * @member {number} epoch
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.epoch = 0;

            /**
             * FeatureShard view.
             * @member {number} view
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.view = 0;

            /**
             * FeatureShard index.
             * @member {number} index
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.index = 0;

            /**
             * FeatureShard sampleIndices.
             * @member {Array.<number>} sampleIndices
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.sampleIndices = $util.emptyArray;

            /**
             * FeatureShard embeddingDim.
             * @member {number} embeddingDim
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.embeddingDim = 0;

            /**
             * FeatureShard embeddings.
             * @member {Uint8Array} embeddings
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.embeddings = $util.newBuffer([]);

            /**
             * FeatureShard logitsDim.
             * @member {number} logitsDim
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.logitsDim = 0;

            /**
             * FeatureShard logits.
             * @member {Uint8Array} logits
             * @memberof distill.v1.FeatureShard
             * @instance
             */
            FeatureShard.prototype.logits = $util.newBuffer([]);

            /**
             * Creates a new FeatureShard instance using the specified properties.
             * @function create
             * @memberof distill.v1.FeatureShard
             * @static
             * @param {distill.v1.IFeatureShard=} [properties] Properties to set
             * @returns {distill.v1.FeatureShard} FeatureShard instance
             */
            FeatureShard.create = function create(properties) {
                return new FeatureShard(properties);
            };

            /**
             * Encodes the specified FeatureShard message. Does not implicitly {@link distill.v1.FeatureShard.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.FeatureShard
             * @static
             * @param {distill.v1.IFeatureShard} message FeatureShard message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FeatureShard.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.teacherId);
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.datasetId);
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.planId);
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.epoch);
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.view);
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.index);
                if (message.sampleIndices != null && message.sampleIndices.length) {
                    writer.uint32(/* id 8, wireType 2 =*/66).fork();
                    for (let i = 0; i < message.sampleIndices.length; ++i)
                        writer.uint32(message.sampleIndices[i]);
                    writer.ldelim();
                }
                if (message.embeddingDim != null && Object.hasOwnProperty.call(message, "embeddingDim"))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.embeddingDim);
                if (message.embeddings != null && Object.hasOwnProperty.call(message, "embeddings"))
                    writer.uint32(/* id 10, wireType 2 =*/82).bytes(message.embeddings);
                if (message.logitsDim != null && Object.hasOwnProperty.call(message, "logitsDim"))
                    writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.logitsDim);
                if (message.logits != null && Object.hasOwnProperty.call(message, "logits"))
                    writer.uint32(/* id 12, wireType 2 =*/98).bytes(message.logits);
                return writer;
            };

            /**
             * Decodes a FeatureShard message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.FeatureShard
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.FeatureShard} FeatureShard
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FeatureShard.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.FeatureShard();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.teacherId = reader.string();
                            break;
                        }
                    case 3: {
                            message.datasetId = reader.string();
                            break;
                        }
                    case 4: {
                            message.planId = reader.string();
                            break;
                        }
                    case 5: {
                            message.epoch = reader.uint32();
                            break;
                        }
                    case 6: {
                            message.view = reader.uint32();
                            break;
                        }
                    case 7: {
                            message.index = reader.uint32();
                            break;
                        }
                    case 8: {
                            if (!(message.sampleIndices && message.sampleIndices.length))
                                message.sampleIndices = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.sampleIndices.push(reader.uint32());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.sampleIndices.push(reader.uint32());
                            break;
                        }
                    case 9: {
                            message.embeddingDim = reader.uint32();
                            break;
                        }
                    case 10: {
                            message.embeddings = reader.bytes();
                            break;
                        }
                    case 11: {
                            message.logitsDim = reader.uint32();
                            break;
                        }
                    case 12: {
                            message.logits = reader.bytes();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a FeatureShard message.
             * @function verify
             * @memberof distill.v1.FeatureShard
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            FeatureShard.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    if (!$util.isString(message.teacherId))
                        return "teacherId: string expected";
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    if (!$util.isString(message.datasetId))
                        return "datasetId: string expected";
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    if (!$util.isString(message.planId))
                        return "planId: string expected";
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    if (!$util.isInteger(message.epoch))
                        return "epoch: integer expected";
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    if (!$util.isInteger(message.view))
                        return "view: integer expected";
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    if (!$util.isInteger(message.index))
                        return "index: integer expected";
                if (message.sampleIndices != null && Object.hasOwnProperty.call(message, "sampleIndices")) {
                    if (!Array.isArray(message.sampleIndices))
                        return "sampleIndices: array expected";
                    for (let i = 0; i < message.sampleIndices.length; ++i)
                        if (!$util.isInteger(message.sampleIndices[i]))
                            return "sampleIndices: integer[] expected";
                }
                if (message.embeddingDim != null && Object.hasOwnProperty.call(message, "embeddingDim"))
                    if (!$util.isInteger(message.embeddingDim))
                        return "embeddingDim: integer expected";
                if (message.embeddings != null && Object.hasOwnProperty.call(message, "embeddings"))
                    if (!(message.embeddings && typeof message.embeddings.length === "number" || $util.isString(message.embeddings)))
                        return "embeddings: buffer expected";
                if (message.logitsDim != null && Object.hasOwnProperty.call(message, "logitsDim"))
                    if (!$util.isInteger(message.logitsDim))
                        return "logitsDim: integer expected";
                if (message.logits != null && Object.hasOwnProperty.call(message, "logits"))
                    if (!(message.logits && typeof message.logits.length === "number" || $util.isString(message.logits)))
                        return "logits: buffer expected";
                return null;
            };

            /**
             * Creates a FeatureShard message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.FeatureShard
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.FeatureShard} FeatureShard
             */
            FeatureShard.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.FeatureShard)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.FeatureShard: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.FeatureShard();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.teacherId != null)
                    message.teacherId = String(object.teacherId);
                if (object.datasetId != null)
                    message.datasetId = String(object.datasetId);
                if (object.planId != null)
                    message.planId = String(object.planId);
                if (object.epoch != null)
                    message.epoch = object.epoch >>> 0;
                if (object.view != null)
                    message.view = object.view >>> 0;
                if (object.index != null)
                    message.index = object.index >>> 0;
                if (object.sampleIndices) {
                    if (!Array.isArray(object.sampleIndices))
                        throw TypeError(".distill.v1.FeatureShard.sampleIndices: array expected");
                    message.sampleIndices = [];
                    for (let i = 0; i < object.sampleIndices.length; ++i)
                        message.sampleIndices[i] = object.sampleIndices[i] >>> 0;
                }
                if (object.embeddingDim != null)
                    message.embeddingDim = object.embeddingDim >>> 0;
                if (object.embeddings != null)
                    if (typeof object.embeddings === "string")
                        $util.base64.decode(object.embeddings, message.embeddings = $util.newBuffer($util.base64.length(object.embeddings)), 0);
                    else if (object.embeddings.length >= 0)
                        message.embeddings = object.embeddings;
                if (object.logitsDim != null)
                    message.logitsDim = object.logitsDim >>> 0;
                if (object.logits != null)
                    if (typeof object.logits === "string")
                        $util.base64.decode(object.logits, message.logits = $util.newBuffer($util.base64.length(object.logits)), 0);
                    else if (object.logits.length >= 0)
                        message.logits = object.logits;
                return message;
            };

            /**
             * Creates a plain object from a FeatureShard message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.FeatureShard
             * @static
             * @param {distill.v1.FeatureShard} message FeatureShard
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FeatureShard.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.sampleIndices = [];
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.teacherId = "";
                    object.datasetId = "";
                    object.planId = "";
                    object.epoch = 0;
                    object.view = 0;
                    object.index = 0;
                    object.embeddingDim = 0;
                    if (options.bytes === String)
                        object.embeddings = "";
                    else {
                        object.embeddings = [];
                        if (options.bytes !== Array)
                            object.embeddings = $util.newBuffer(object.embeddings);
                    }
                    object.logitsDim = 0;
                    if (options.bytes === String)
                        object.logits = "";
                    else {
                        object.logits = [];
                        if (options.bytes !== Array)
                            object.logits = $util.newBuffer(object.logits);
                    }
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    object.teacherId = message.teacherId;
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    object.datasetId = message.datasetId;
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    object.planId = message.planId;
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    object.epoch = message.epoch;
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    object.view = message.view;
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    object.index = message.index;
                if (message.sampleIndices && message.sampleIndices.length) {
                    object.sampleIndices = [];
                    for (let j = 0; j < message.sampleIndices.length; ++j)
                        object.sampleIndices[j] = message.sampleIndices[j];
                }
                if (message.embeddingDim != null && Object.hasOwnProperty.call(message, "embeddingDim"))
                    object.embeddingDim = message.embeddingDim;
                if (message.embeddings != null && Object.hasOwnProperty.call(message, "embeddings"))
                    object.embeddings = options.bytes === String ? $util.base64.encode(message.embeddings, 0, message.embeddings.length) : options.bytes === Array ? Array.prototype.slice.call(message.embeddings) : message.embeddings;
                if (message.logitsDim != null && Object.hasOwnProperty.call(message, "logitsDim"))
                    object.logitsDim = message.logitsDim;
                if (message.logits != null && Object.hasOwnProperty.call(message, "logits"))
                    object.logits = options.bytes === String ? $util.base64.encode(message.logits, 0, message.logits.length) : options.bytes === Array ? Array.prototype.slice.call(message.logits) : message.logits;
                return object;
            };

            /**
             * Converts this FeatureShard to JSON.
             * @function toJSON
             * @memberof distill.v1.FeatureShard
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FeatureShard.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return FeatureShard;
        })();

        v1.FeatureShardRef = (function() {

            /**
             * Properties of a FeatureShardRef.
             * @memberof distill.v1
             * @interface IFeatureShardRef
             * @property {number|null} [epoch] FeatureShardRef epoch
             * @property {number|null} [view] FeatureShardRef view
             * @property {number|null} [index] FeatureShardRef index
             * @property {string|null} [key] FeatureShardRef key
             * @property {number|null} [count] FeatureShardRef count
             * @property {string|null} [sha256] FeatureShardRef sha256
             */

            /**
             * Constructs a new FeatureShardRef.
             * @memberof distill.v1
             * @classdesc Represents a FeatureShardRef.
             * @implements IFeatureShardRef
             * @constructor
             * @param {distill.v1.IFeatureShardRef=} [properties] Properties to set
             */
            function FeatureShardRef(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * FeatureShardRef epoch.
             * @member {number} epoch
             * @memberof distill.v1.FeatureShardRef
             * @instance
             */
            FeatureShardRef.prototype.epoch = 0;

            /**
             * FeatureShardRef view.
             * @member {number} view
             * @memberof distill.v1.FeatureShardRef
             * @instance
             */
            FeatureShardRef.prototype.view = 0;

            /**
             * FeatureShardRef index.
             * @member {number} index
             * @memberof distill.v1.FeatureShardRef
             * @instance
             */
            FeatureShardRef.prototype.index = 0;

            /**
             * FeatureShardRef key.
             * @member {string} key
             * @memberof distill.v1.FeatureShardRef
             * @instance
             */
            FeatureShardRef.prototype.key = "";

            /**
             * FeatureShardRef count.
             * @member {number} count
             * @memberof distill.v1.FeatureShardRef
             * @instance
             */
            FeatureShardRef.prototype.count = 0;

            /**
             * FeatureShardRef sha256.
             * @member {string} sha256
             * @memberof distill.v1.FeatureShardRef
             * @instance
             */
            FeatureShardRef.prototype.sha256 = "";

            /**
             * Creates a new FeatureShardRef instance using the specified properties.
             * @function create
             * @memberof distill.v1.FeatureShardRef
             * @static
             * @param {distill.v1.IFeatureShardRef=} [properties] Properties to set
             * @returns {distill.v1.FeatureShardRef} FeatureShardRef instance
             */
            FeatureShardRef.create = function create(properties) {
                return new FeatureShardRef(properties);
            };

            /**
             * Encodes the specified FeatureShardRef message. Does not implicitly {@link distill.v1.FeatureShardRef.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.FeatureShardRef
             * @static
             * @param {distill.v1.IFeatureShardRef} message FeatureShardRef message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FeatureShardRef.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.epoch);
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.view);
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.index);
                if (message.key != null && Object.hasOwnProperty.call(message, "key"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.key);
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.count);
                if (message.sha256 != null && Object.hasOwnProperty.call(message, "sha256"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.sha256);
                return writer;
            };

            /**
             * Decodes a FeatureShardRef message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.FeatureShardRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.FeatureShardRef} FeatureShardRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FeatureShardRef.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.FeatureShardRef();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.epoch = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.view = reader.uint32();
                            break;
                        }
                    case 3: {
                            message.index = reader.uint32();
                            break;
                        }
                    case 4: {
                            message.key = reader.string();
                            break;
                        }
                    case 5: {
                            message.count = reader.uint32();
                            break;
                        }
                    case 6: {
                            message.sha256 = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a FeatureShardRef message.
             * @function verify
             * @memberof distill.v1.FeatureShardRef
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            FeatureShardRef.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    if (!$util.isInteger(message.epoch))
                        return "epoch: integer expected";
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    if (!$util.isInteger(message.view))
                        return "view: integer expected";
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    if (!$util.isInteger(message.index))
                        return "index: integer expected";
                if (message.key != null && Object.hasOwnProperty.call(message, "key"))
                    if (!$util.isString(message.key))
                        return "key: string expected";
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    if (!$util.isInteger(message.count))
                        return "count: integer expected";
                if (message.sha256 != null && Object.hasOwnProperty.call(message, "sha256"))
                    if (!$util.isString(message.sha256))
                        return "sha256: string expected";
                return null;
            };

            /**
             * Creates a FeatureShardRef message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.FeatureShardRef
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.FeatureShardRef} FeatureShardRef
             */
            FeatureShardRef.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.FeatureShardRef)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.FeatureShardRef: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.FeatureShardRef();
                if (object.epoch != null)
                    message.epoch = object.epoch >>> 0;
                if (object.view != null)
                    message.view = object.view >>> 0;
                if (object.index != null)
                    message.index = object.index >>> 0;
                if (object.key != null)
                    message.key = String(object.key);
                if (object.count != null)
                    message.count = object.count >>> 0;
                if (object.sha256 != null)
                    message.sha256 = String(object.sha256);
                return message;
            };

            /**
             * Creates a plain object from a FeatureShardRef message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.FeatureShardRef
             * @static
             * @param {distill.v1.FeatureShardRef} message FeatureShardRef
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FeatureShardRef.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.epoch = 0;
                    object.view = 0;
                    object.index = 0;
                    object.key = "";
                    object.count = 0;
                    object.sha256 = "";
                }
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    object.epoch = message.epoch;
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    object.view = message.view;
                if (message.index != null && Object.hasOwnProperty.call(message, "index"))
                    object.index = message.index;
                if (message.key != null && Object.hasOwnProperty.call(message, "key"))
                    object.key = message.key;
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    object.count = message.count;
                if (message.sha256 != null && Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = message.sha256;
                return object;
            };

            /**
             * Converts this FeatureShardRef to JSON.
             * @function toJSON
             * @memberof distill.v1.FeatureShardRef
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FeatureShardRef.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return FeatureShardRef;
        })();

        v1.FeatureManifest = (function() {

            /**
             * Properties of a FeatureManifest.
             * @memberof distill.v1
             * @interface IFeatureManifest
             * @property {number|null} [schemaVersion] FeatureManifest schemaVersion
             * @property {string|null} [teacherId] FeatureManifest teacherId
             * @property {string|null} [datasetId] FeatureManifest datasetId
             * @property {string|null} [planId] FeatureManifest planId
             * @property {number|null} [embeddingDim] FeatureManifest embeddingDim
             * @property {number|null} [logitsDim] FeatureManifest logitsDim
             * @property {number|null} [sampleCount] FeatureManifest sampleCount
             * @property {Array.<distill.v1.IFeatureShardRef>|null} [shards] FeatureManifest shards
             * @property {Array.<number>|null} [embeddingMean] FeatureManifest embeddingMean
             */

            /**
             * Constructs a new FeatureManifest.
             * @memberof distill.v1
             * @classdesc Represents a FeatureManifest.
             * @implements IFeatureManifest
             * @constructor
             * @param {distill.v1.IFeatureManifest=} [properties] Properties to set
             */
            function FeatureManifest(properties) {
                this.shards = [];
                this.embeddingMean = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * FeatureManifest schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.FeatureManifest
             * @instance
             */
            FeatureManifest.prototype.schemaVersion = 0;

            /**
             * FeatureManifest teacherId.
             * @member {string} teacherId
             * @memberof distill.v1.FeatureManifest
             * @instance
             */
            FeatureManifest.prototype.teacherId = "";

            /**
             * FeatureManifest datasetId.
             * @member {string} datasetId
             * @memberof distill.v1.FeatureManifest
             * @instance
             */
            FeatureManifest.prototype.datasetId = "";

            /**
             * FeatureManifest planId.
             * @member {string} planId
             * @memberof distill.v1.FeatureManifest
             * @instance
             */
            FeatureManifest.prototype.planId = "";

            /**
             * FeatureManifest embeddingDim.
             * @member {number} embeddingDim
             * @memberof distill.v1.FeatureManifest
             * @instance
             */
            FeatureManifest.prototype.embeddingDim = 0;

            /**
             * FeatureManifest logitsDim.
             * @member {number} logitsDim
             * @memberof distill.v1.FeatureManifest
             * @instance
             */
            FeatureManifest.prototype.logitsDim = 0;

            /**
             * FeatureManifest sampleCount.
             * @member {number} sampleCount
             * @memberof distill.v1.FeatureManifest
             * @instance
             */
            FeatureManifest.prototype.sampleCount = 0;

            /**
             * FeatureManifest shards.
             * @member {Array.<distill.v1.IFeatureShardRef>} shards
             * @memberof distill.v1.FeatureManifest
             * @instance
             */
            FeatureManifest.prototype.shards = $util.emptyArray;

            /**
             * FeatureManifest embeddingMean.
             * @member {Array.<number>} embeddingMean
             * @memberof distill.v1.FeatureManifest
             * @instance
             */
            FeatureManifest.prototype.embeddingMean = $util.emptyArray;

            /**
             * Creates a new FeatureManifest instance using the specified properties.
             * @function create
             * @memberof distill.v1.FeatureManifest
             * @static
             * @param {distill.v1.IFeatureManifest=} [properties] Properties to set
             * @returns {distill.v1.FeatureManifest} FeatureManifest instance
             */
            FeatureManifest.create = function create(properties) {
                return new FeatureManifest(properties);
            };

            /**
             * Encodes the specified FeatureManifest message. Does not implicitly {@link distill.v1.FeatureManifest.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.FeatureManifest
             * @static
             * @param {distill.v1.IFeatureManifest} message FeatureManifest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FeatureManifest.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.teacherId);
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.datasetId);
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.planId);
                if (message.embeddingDim != null && Object.hasOwnProperty.call(message, "embeddingDim"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.embeddingDim);
                if (message.logitsDim != null && Object.hasOwnProperty.call(message, "logitsDim"))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.logitsDim);
                if (message.sampleCount != null && Object.hasOwnProperty.call(message, "sampleCount"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.sampleCount);
                if (message.shards != null && message.shards.length)
                    for (let i = 0; i < message.shards.length; ++i)
                        $root.distill.v1.FeatureShardRef.encode(message.shards[i], writer.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (message.embeddingMean != null && message.embeddingMean.length) {
                    writer.uint32(/* id 9, wireType 2 =*/74).fork();
                    for (let i = 0; i < message.embeddingMean.length; ++i)
                        writer.double(message.embeddingMean[i]);
                    writer.ldelim();
                }
                return writer;
            };

            /**
             * Decodes a FeatureManifest message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.FeatureManifest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.FeatureManifest} FeatureManifest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FeatureManifest.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.FeatureManifest();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.teacherId = reader.string();
                            break;
                        }
                    case 3: {
                            message.datasetId = reader.string();
                            break;
                        }
                    case 4: {
                            message.planId = reader.string();
                            break;
                        }
                    case 5: {
                            message.embeddingDim = reader.uint32();
                            break;
                        }
                    case 6: {
                            message.logitsDim = reader.uint32();
                            break;
                        }
                    case 7: {
                            message.sampleCount = reader.uint32();
                            break;
                        }
                    case 8: {
                            if (!(message.shards && message.shards.length))
                                message.shards = [];
                            message.shards.push($root.distill.v1.FeatureShardRef.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 9: {
                            if (!(message.embeddingMean && message.embeddingMean.length))
                                message.embeddingMean = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.embeddingMean.push(reader.double());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.embeddingMean.push(reader.double());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a FeatureManifest message.
             * @function verify
             * @memberof distill.v1.FeatureManifest
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            FeatureManifest.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    if (!$util.isString(message.teacherId))
                        return "teacherId: string expected";
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    if (!$util.isString(message.datasetId))
                        return "datasetId: string expected";
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    if (!$util.isString(message.planId))
                        return "planId: string expected";
                if (message.embeddingDim != null && Object.hasOwnProperty.call(message, "embeddingDim"))
                    if (!$util.isInteger(message.embeddingDim))
                        return "embeddingDim: integer expected";
                if (message.logitsDim != null && Object.hasOwnProperty.call(message, "logitsDim"))
                    if (!$util.isInteger(message.logitsDim))
                        return "logitsDim: integer expected";
                if (message.sampleCount != null && Object.hasOwnProperty.call(message, "sampleCount"))
                    if (!$util.isInteger(message.sampleCount))
                        return "sampleCount: integer expected";
                if (message.shards != null && Object.hasOwnProperty.call(message, "shards")) {
                    if (!Array.isArray(message.shards))
                        return "shards: array expected";
                    for (let i = 0; i < message.shards.length; ++i) {
                        let error = $root.distill.v1.FeatureShardRef.verify(message.shards[i], long + 1);
                        if (error)
                            return "shards." + error;
                    }
                }
                if (message.embeddingMean != null && Object.hasOwnProperty.call(message, "embeddingMean")) {
                    if (!Array.isArray(message.embeddingMean))
                        return "embeddingMean: array expected";
                    for (let i = 0; i < message.embeddingMean.length; ++i)
                        if (typeof message.embeddingMean[i] !== "number")
                            return "embeddingMean: number[] expected";
                }
                return null;
            };

            /**
             * Creates a FeatureManifest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.FeatureManifest
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.FeatureManifest} FeatureManifest
             */
            FeatureManifest.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.FeatureManifest)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.FeatureManifest: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.FeatureManifest();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.teacherId != null)
                    message.teacherId = String(object.teacherId);
                if (object.datasetId != null)
                    message.datasetId = String(object.datasetId);
                if (object.planId != null)
                    message.planId = String(object.planId);
                if (object.embeddingDim != null)
                    message.embeddingDim = object.embeddingDim >>> 0;
                if (object.logitsDim != null)
                    message.logitsDim = object.logitsDim >>> 0;
                if (object.sampleCount != null)
                    message.sampleCount = object.sampleCount >>> 0;
                if (object.shards) {
                    if (!Array.isArray(object.shards))
                        throw TypeError(".distill.v1.FeatureManifest.shards: array expected");
                    message.shards = [];
                    for (let i = 0; i < object.shards.length; ++i) {
                        if (!$util.isObject(object.shards[i]))
                            throw TypeError(".distill.v1.FeatureManifest.shards: object expected");
                        message.shards[i] = $root.distill.v1.FeatureShardRef.fromObject(object.shards[i], long + 1);
                    }
                }
                if (object.embeddingMean) {
                    if (!Array.isArray(object.embeddingMean))
                        throw TypeError(".distill.v1.FeatureManifest.embeddingMean: array expected");
                    message.embeddingMean = [];
                    for (let i = 0; i < object.embeddingMean.length; ++i)
                        message.embeddingMean[i] = Number(object.embeddingMean[i]);
                }
                return message;
            };

            /**
             * Creates a plain object from a FeatureManifest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.FeatureManifest
             * @static
             * @param {distill.v1.FeatureManifest} message FeatureManifest
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FeatureManifest.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.shards = [];
                    object.embeddingMean = [];
                }
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.teacherId = "";
                    object.datasetId = "";
                    object.planId = "";
                    object.embeddingDim = 0;
                    object.logitsDim = 0;
                    object.sampleCount = 0;
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    object.teacherId = message.teacherId;
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    object.datasetId = message.datasetId;
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    object.planId = message.planId;
                if (message.embeddingDim != null && Object.hasOwnProperty.call(message, "embeddingDim"))
                    object.embeddingDim = message.embeddingDim;
                if (message.logitsDim != null && Object.hasOwnProperty.call(message, "logitsDim"))
                    object.logitsDim = message.logitsDim;
                if (message.sampleCount != null && Object.hasOwnProperty.call(message, "sampleCount"))
                    object.sampleCount = message.sampleCount;
                if (message.shards && message.shards.length) {
                    object.shards = [];
                    for (let j = 0; j < message.shards.length; ++j)
                        object.shards[j] = $root.distill.v1.FeatureShardRef.toObject(message.shards[j], options, q + 1);
                }
                if (message.embeddingMean && message.embeddingMean.length) {
                    object.embeddingMean = [];
                    for (let j = 0; j < message.embeddingMean.length; ++j)
                        object.embeddingMean[j] = options.json && !isFinite(message.embeddingMean[j]) ? String(message.embeddingMean[j]) : message.embeddingMean[j];
                }
                return object;
            };

            /**
             * Converts this FeatureManifest to JSON.
             * @function toJSON
             * @memberof distill.v1.FeatureManifest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FeatureManifest.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return FeatureManifest;
        })();

        v1.JobAttempt = (function() {

            /**
             * Properties of a JobAttempt.
             * @memberof distill.v1
             * @interface IJobAttempt
             * @property {number|null} [number] JobAttempt number
             * @property {number|null} [submittedAtMs] JobAttempt submittedAtMs
             * @property {string|null} [previousError] JobAttempt previousError
             */

            /**
             * Constructs a new JobAttempt.
             * @memberof distill.v1
             * @classdesc Represents a JobAttempt.
             * @implements IJobAttempt
             * @constructor
             * @param {distill.v1.IJobAttempt=} [properties] Properties to set
             */
            function JobAttempt(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * JobAttempt number.
             * @member {number} number
             * @memberof distill.v1.JobAttempt
             * @instance
             */
            JobAttempt.prototype.number = 0;

            /**
             * JobAttempt submittedAtMs.
             * @member {number} submittedAtMs
             * @memberof distill.v1.JobAttempt
             * @instance
             */
            JobAttempt.prototype.submittedAtMs = 0;

            /**
             * JobAttempt previousError.
             * @member {string} previousError
             * @memberof distill.v1.JobAttempt
             * @instance
             */
            JobAttempt.prototype.previousError = "";

            /**
             * Creates a new JobAttempt instance using the specified properties.
             * @function create
             * @memberof distill.v1.JobAttempt
             * @static
             * @param {distill.v1.IJobAttempt=} [properties] Properties to set
             * @returns {distill.v1.JobAttempt} JobAttempt instance
             */
            JobAttempt.create = function create(properties) {
                return new JobAttempt(properties);
            };

            /**
             * Encodes the specified JobAttempt message. Does not implicitly {@link distill.v1.JobAttempt.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.JobAttempt
             * @static
             * @param {distill.v1.IJobAttempt} message JobAttempt message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            JobAttempt.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.number != null && Object.hasOwnProperty.call(message, "number"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.number);
                if (message.submittedAtMs != null && Object.hasOwnProperty.call(message, "submittedAtMs"))
                    writer.uint32(/* id 2, wireType 1 =*/17).double(message.submittedAtMs);
                if (message.previousError != null && Object.hasOwnProperty.call(message, "previousError"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.previousError);
                return writer;
            };

            /**
             * Decodes a JobAttempt message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.JobAttempt
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.JobAttempt} JobAttempt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            JobAttempt.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.JobAttempt();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.number = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.submittedAtMs = reader.double();
                            break;
                        }
                    case 3: {
                            message.previousError = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a JobAttempt message.
             * @function verify
             * @memberof distill.v1.JobAttempt
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            JobAttempt.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.number != null && Object.hasOwnProperty.call(message, "number"))
                    if (!$util.isInteger(message.number))
                        return "number: integer expected";
                if (message.submittedAtMs != null && Object.hasOwnProperty.call(message, "submittedAtMs"))
                    if (typeof message.submittedAtMs !== "number")
                        return "submittedAtMs: number expected";
                if (message.previousError != null && Object.hasOwnProperty.call(message, "previousError"))
                    if (!$util.isString(message.previousError))
                        return "previousError: string expected";
                return null;
            };

            /**
             * Creates a JobAttempt message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.JobAttempt
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.JobAttempt} JobAttempt
             */
            JobAttempt.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.JobAttempt)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.JobAttempt: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.JobAttempt();
                if (object.number != null)
                    message.number = object.number >>> 0;
                if (object.submittedAtMs != null)
                    message.submittedAtMs = Number(object.submittedAtMs);
                if (object.previousError != null)
                    message.previousError = String(object.previousError);
                return message;
            };

            /**
             * Creates a plain object from a JobAttempt message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.JobAttempt
             * @static
             * @param {distill.v1.JobAttempt} message JobAttempt
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            JobAttempt.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.number = 0;
                    object.submittedAtMs = 0;
                    object.previousError = "";
                }
                if (message.number != null && Object.hasOwnProperty.call(message, "number"))
                    object.number = message.number;
                if (message.submittedAtMs != null && Object.hasOwnProperty.call(message, "submittedAtMs"))
                    object.submittedAtMs = options.json && !isFinite(message.submittedAtMs) ? String(message.submittedAtMs) : message.submittedAtMs;
                if (message.previousError != null && Object.hasOwnProperty.call(message, "previousError"))
                    object.previousError = message.previousError;
                return object;
            };

            /**
             * Converts this JobAttempt to JSON.
             * @function toJSON
             * @memberof distill.v1.JobAttempt
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            JobAttempt.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return JobAttempt;
        })();

        v1.ImportJob = (function() {

            /**
             * Properties of an ImportJob.
             * @memberof distill.v1
             * @interface IImportJob
             * @property {number|null} [schemaVersion] ImportJob schemaVersion
             * @property {string|null} [jobId] ImportJob jobId
             * @property {distill.v1.IJobAttempt|null} [attempt] ImportJob attempt
             * @property {string|null} [format] ImportJob format
             * @property {string|null} [sourceUri] ImportJob sourceUri
             * @property {string|null} [split] ImportJob split
             * @property {number|null} [shardSize] ImportJob shardSize
             * @property {number|null} [limit] ImportJob limit
             * @property {string|null} [configJson] ImportJob configJson
             */

            /**
             * Constructs a new ImportJob.
             * @memberof distill.v1
             * @classdesc Represents an ImportJob.
             * @implements IImportJob
             * @constructor
             * @param {distill.v1.IImportJob=} [properties] Properties to set
             */
            function ImportJob(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ImportJob schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.ImportJob
             * @instance
             */
            ImportJob.prototype.schemaVersion = 0;

            /**
             * ImportJob jobId.
             * @member {string} jobId
             * @memberof distill.v1.ImportJob
             * @instance
             */
            ImportJob.prototype.jobId = "";

            /**
             * ImportJob attempt.
             * @member {distill.v1.IJobAttempt|null|undefined} attempt
             * @memberof distill.v1.ImportJob
             * @instance
             */
            ImportJob.prototype.attempt = null;

            /**
             * ImportJob format.
             * @member {string} format
             * @memberof distill.v1.ImportJob
             * @instance
             */
            ImportJob.prototype.format = "";

            /**
             * ImportJob sourceUri.
             * @member {string} sourceUri
             * @memberof distill.v1.ImportJob
             * @instance
             */
            ImportJob.prototype.sourceUri = "";

            /**
             * ImportJob split.
             * @member {string} split
             * @memberof distill.v1.ImportJob
             * @instance
             */
            ImportJob.prototype.split = "";

            /**
             * ImportJob shardSize.
             * @member {number} shardSize
             * @memberof distill.v1.ImportJob
             * @instance
             */
            ImportJob.prototype.shardSize = 0;

            /**
             * ImportJob limit.
             * @member {number} limit
             * @memberof distill.v1.ImportJob
             * @instance
             */
            ImportJob.prototype.limit = 0;

            /**
             * ImportJob configJson.
             * @member {string} configJson
             * @memberof distill.v1.ImportJob
             * @instance
             */
            ImportJob.prototype.configJson = "";

            /**
             * Creates a new ImportJob instance using the specified properties.
             * @function create
             * @memberof distill.v1.ImportJob
             * @static
             * @param {distill.v1.IImportJob=} [properties] Properties to set
             * @returns {distill.v1.ImportJob} ImportJob instance
             */
            ImportJob.create = function create(properties) {
                return new ImportJob(properties);
            };

            /**
             * Encodes the specified ImportJob message. Does not implicitly {@link distill.v1.ImportJob.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.ImportJob
             * @static
             * @param {distill.v1.IImportJob} message ImportJob message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ImportJob.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.jobId);
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    $root.distill.v1.JobAttempt.encode(message.attempt, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (message.format != null && Object.hasOwnProperty.call(message, "format"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.format);
                if (message.sourceUri != null && Object.hasOwnProperty.call(message, "sourceUri"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.sourceUri);
                if (message.split != null && Object.hasOwnProperty.call(message, "split"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.split);
                if (message.shardSize != null && Object.hasOwnProperty.call(message, "shardSize"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.shardSize);
                if (message.limit != null && Object.hasOwnProperty.call(message, "limit"))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.limit);
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.configJson);
                return writer;
            };

            /**
             * Decodes an ImportJob message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.ImportJob
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.ImportJob} ImportJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ImportJob.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.ImportJob();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.jobId = reader.string();
                            break;
                        }
                    case 3: {
                            message.attempt = $root.distill.v1.JobAttempt.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.format = reader.string();
                            break;
                        }
                    case 5: {
                            message.sourceUri = reader.string();
                            break;
                        }
                    case 6: {
                            message.split = reader.string();
                            break;
                        }
                    case 7: {
                            message.shardSize = reader.uint32();
                            break;
                        }
                    case 8: {
                            message.limit = reader.uint32();
                            break;
                        }
                    case 9: {
                            message.configJson = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies an ImportJob message.
             * @function verify
             * @memberof distill.v1.ImportJob
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ImportJob.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt")) {
                    let error = $root.distill.v1.JobAttempt.verify(message.attempt, long + 1);
                    if (error)
                        return "attempt." + error;
                }
                if (message.format != null && Object.hasOwnProperty.call(message, "format"))
                    if (!$util.isString(message.format))
                        return "format: string expected";
                if (message.sourceUri != null && Object.hasOwnProperty.call(message, "sourceUri"))
                    if (!$util.isString(message.sourceUri))
                        return "sourceUri: string expected";
                if (message.split != null && Object.hasOwnProperty.call(message, "split"))
                    if (!$util.isString(message.split))
                        return "split: string expected";
                if (message.shardSize != null && Object.hasOwnProperty.call(message, "shardSize"))
                    if (!$util.isInteger(message.shardSize))
                        return "shardSize: integer expected";
                if (message.limit != null && Object.hasOwnProperty.call(message, "limit"))
                    if (!$util.isInteger(message.limit))
                        return "limit: integer expected";
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    if (!$util.isString(message.configJson))
                        return "configJson: string expected";
                return null;
            };

            /**
             * Creates an ImportJob message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.ImportJob
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.ImportJob} ImportJob
             */
            ImportJob.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.ImportJob)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.ImportJob: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.ImportJob();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.jobId != null)
                    message.jobId = String(object.jobId);
                if (object.attempt != null) {
                    if (!$util.isObject(object.attempt))
                        throw TypeError(".distill.v1.ImportJob.attempt: object expected");
                    message.attempt = $root.distill.v1.JobAttempt.fromObject(object.attempt, long + 1);
                }
                if (object.format != null)
                    message.format = String(object.format);
                if (object.sourceUri != null)
                    message.sourceUri = String(object.sourceUri);
                if (object.split != null)
                    message.split = String(object.split);
                if (object.shardSize != null)
                    message.shardSize = object.shardSize >>> 0;
                if (object.limit != null)
                    message.limit = object.limit >>> 0;
                if (object.configJson != null)
                    message.configJson = String(object.configJson);
                return message;
            };

            /**
             * Creates a plain object from an ImportJob message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.ImportJob
             * @static
             * @param {distill.v1.ImportJob} message ImportJob
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ImportJob.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.jobId = "";
                    object.attempt = null;
                    object.format = "";
                    object.sourceUri = "";
                    object.split = "";
                    object.shardSize = 0;
                    object.limit = 0;
                    object.configJson = "";
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    object.attempt = $root.distill.v1.JobAttempt.toObject(message.attempt, options, q + 1);
                if (message.format != null && Object.hasOwnProperty.call(message, "format"))
                    object.format = message.format;
                if (message.sourceUri != null && Object.hasOwnProperty.call(message, "sourceUri"))
                    object.sourceUri = message.sourceUri;
                if (message.split != null && Object.hasOwnProperty.call(message, "split"))
                    object.split = message.split;
                if (message.shardSize != null && Object.hasOwnProperty.call(message, "shardSize"))
                    object.shardSize = message.shardSize;
                if (message.limit != null && Object.hasOwnProperty.call(message, "limit"))
                    object.limit = message.limit;
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    object.configJson = message.configJson;
                return object;
            };

            /**
             * Converts this ImportJob to JSON.
             * @function toJSON
             * @memberof distill.v1.ImportJob
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ImportJob.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ImportJob;
        })();

        v1.PretrainJob = (function() {

            /**
             * Properties of a PretrainJob.
             * @memberof distill.v1
             * @interface IPretrainJob
             * @property {number|null} [schemaVersion] PretrainJob schemaVersion
             * @property {string|null} [jobId] PretrainJob jobId
             * @property {distill.v1.IJobAttempt|null} [attempt] PretrainJob attempt
             * @property {string|null} [datasetId] PretrainJob datasetId
             * @property {string|null} [method] PretrainJob method
             * @property {string|null} [backbone] PretrainJob backbone
             * @property {string|null} [augmentPreset] PretrainJob augmentPreset
             * @property {number|null} [epochs] PretrainJob epochs
             * @property {number|null} [batchSize] PretrainJob batchSize
             * @property {number|null} [seed] PretrainJob seed
             * @property {string|null} [configJson] PretrainJob configJson
             */

            /**
             * Constructs a new PretrainJob.
             * @memberof distill.v1
             * @classdesc Represents a PretrainJob.
             * @implements IPretrainJob
             * @constructor
             * @param {distill.v1.IPretrainJob=} [properties] Properties to set
             */
            function PretrainJob(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * PretrainJob schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.schemaVersion = 0;

            /**
             * PretrainJob jobId.
             * @member {string} jobId
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.jobId = "";

            /**
             * PretrainJob attempt.
             * @member {distill.v1.IJobAttempt|null|undefined} attempt
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.attempt = null;

            /**
             * PretrainJob datasetId.
             * @member {string} datasetId
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.datasetId = "";

            /**
             * PretrainJob method.
             * @member {string} method
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.method = "";

            /**
             * PretrainJob backbone.
             * @member {string} backbone
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.backbone = "";

            /**
             * PretrainJob augmentPreset.
             * @member {string} augmentPreset
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.augmentPreset = "";

            /**
             * PretrainJob epochs.
             * @member {number} epochs
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.epochs = 0;

            /**
             * PretrainJob batchSize.
             * @member {number} batchSize
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.batchSize = 0;

            /**
             * PretrainJob seed.
             * @member {number} seed
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.seed = 0;

            /**
             * PretrainJob configJson.
             * @member {string} configJson
             * @memberof distill.v1.PretrainJob
             * @instance
             */
            PretrainJob.prototype.configJson = "";

            /**
             * Creates a new PretrainJob instance using the specified properties.
             * @function create
             * @memberof distill.v1.PretrainJob
             * @static
             * @param {distill.v1.IPretrainJob=} [properties] Properties to set
             * @returns {distill.v1.PretrainJob} PretrainJob instance
             */
            PretrainJob.create = function create(properties) {
                return new PretrainJob(properties);
            };

            /**
             * Encodes the specified PretrainJob message. Does not implicitly {@link distill.v1.PretrainJob.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.PretrainJob
             * @static
             * @param {distill.v1.IPretrainJob} message PretrainJob message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PretrainJob.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.jobId);
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    $root.distill.v1.JobAttempt.encode(message.attempt, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.datasetId);
                if (message.method != null && Object.hasOwnProperty.call(message, "method"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.method);
                if (message.backbone != null && Object.hasOwnProperty.call(message, "backbone"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.backbone);
                if (message.augmentPreset != null && Object.hasOwnProperty.call(message, "augmentPreset"))
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.augmentPreset);
                if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.epochs);
                if (message.batchSize != null && Object.hasOwnProperty.call(message, "batchSize"))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.batchSize);
                if (message.seed != null && Object.hasOwnProperty.call(message, "seed"))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.seed);
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.configJson);
                return writer;
            };

            /**
             * Decodes a PretrainJob message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.PretrainJob
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.PretrainJob} PretrainJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PretrainJob.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.PretrainJob();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.jobId = reader.string();
                            break;
                        }
                    case 3: {
                            message.attempt = $root.distill.v1.JobAttempt.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.datasetId = reader.string();
                            break;
                        }
                    case 5: {
                            message.method = reader.string();
                            break;
                        }
                    case 6: {
                            message.backbone = reader.string();
                            break;
                        }
                    case 7: {
                            message.augmentPreset = reader.string();
                            break;
                        }
                    case 8: {
                            message.epochs = reader.uint32();
                            break;
                        }
                    case 9: {
                            message.batchSize = reader.uint32();
                            break;
                        }
                    case 10: {
                            message.seed = reader.uint32();
                            break;
                        }
                    case 11: {
                            message.configJson = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a PretrainJob message.
             * @function verify
             * @memberof distill.v1.PretrainJob
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PretrainJob.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt")) {
                    let error = $root.distill.v1.JobAttempt.verify(message.attempt, long + 1);
                    if (error)
                        return "attempt." + error;
                }
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    if (!$util.isString(message.datasetId))
                        return "datasetId: string expected";
                if (message.method != null && Object.hasOwnProperty.call(message, "method"))
                    if (!$util.isString(message.method))
                        return "method: string expected";
                if (message.backbone != null && Object.hasOwnProperty.call(message, "backbone"))
                    if (!$util.isString(message.backbone))
                        return "backbone: string expected";
                if (message.augmentPreset != null && Object.hasOwnProperty.call(message, "augmentPreset"))
                    if (!$util.isString(message.augmentPreset))
                        return "augmentPreset: string expected";
                if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                    if (!$util.isInteger(message.epochs))
                        return "epochs: integer expected";
                if (message.batchSize != null && Object.hasOwnProperty.call(message, "batchSize"))
                    if (!$util.isInteger(message.batchSize))
                        return "batchSize: integer expected";
                if (message.seed != null && Object.hasOwnProperty.call(message, "seed"))
                    if (!$util.isInteger(message.seed))
                        return "seed: integer expected";
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    if (!$util.isString(message.configJson))
                        return "configJson: string expected";
                return null;
            };

            /**
             * Creates a PretrainJob message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.PretrainJob
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.PretrainJob} PretrainJob
             */
            PretrainJob.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.PretrainJob)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.PretrainJob: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.PretrainJob();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.jobId != null)
                    message.jobId = String(object.jobId);
                if (object.attempt != null) {
                    if (!$util.isObject(object.attempt))
                        throw TypeError(".distill.v1.PretrainJob.attempt: object expected");
                    message.attempt = $root.distill.v1.JobAttempt.fromObject(object.attempt, long + 1);
                }
                if (object.datasetId != null)
                    message.datasetId = String(object.datasetId);
                if (object.method != null)
                    message.method = String(object.method);
                if (object.backbone != null)
                    message.backbone = String(object.backbone);
                if (object.augmentPreset != null)
                    message.augmentPreset = String(object.augmentPreset);
                if (object.epochs != null)
                    message.epochs = object.epochs >>> 0;
                if (object.batchSize != null)
                    message.batchSize = object.batchSize >>> 0;
                if (object.seed != null)
                    message.seed = object.seed >>> 0;
                if (object.configJson != null)
                    message.configJson = String(object.configJson);
                return message;
            };

            /**
             * Creates a plain object from a PretrainJob message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.PretrainJob
             * @static
             * @param {distill.v1.PretrainJob} message PretrainJob
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PretrainJob.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.jobId = "";
                    object.attempt = null;
                    object.datasetId = "";
                    object.method = "";
                    object.backbone = "";
                    object.augmentPreset = "";
                    object.epochs = 0;
                    object.batchSize = 0;
                    object.seed = 0;
                    object.configJson = "";
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    object.attempt = $root.distill.v1.JobAttempt.toObject(message.attempt, options, q + 1);
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    object.datasetId = message.datasetId;
                if (message.method != null && Object.hasOwnProperty.call(message, "method"))
                    object.method = message.method;
                if (message.backbone != null && Object.hasOwnProperty.call(message, "backbone"))
                    object.backbone = message.backbone;
                if (message.augmentPreset != null && Object.hasOwnProperty.call(message, "augmentPreset"))
                    object.augmentPreset = message.augmentPreset;
                if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                    object.epochs = message.epochs;
                if (message.batchSize != null && Object.hasOwnProperty.call(message, "batchSize"))
                    object.batchSize = message.batchSize;
                if (message.seed != null && Object.hasOwnProperty.call(message, "seed"))
                    object.seed = message.seed;
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    object.configJson = message.configJson;
                return object;
            };

            /**
             * Converts this PretrainJob to JSON.
             * @function toJSON
             * @memberof distill.v1.PretrainJob
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PretrainJob.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return PretrainJob;
        })();

        v1.ExtractJob = (function() {

            /**
             * Properties of an ExtractJob.
             * @memberof distill.v1
             * @interface IExtractJob
             * @property {number|null} [schemaVersion] ExtractJob schemaVersion
             * @property {string|null} [jobId] ExtractJob jobId
             * @property {distill.v1.IJobAttempt|null} [attempt] ExtractJob attempt
             * @property {string|null} [teacherId] ExtractJob teacherId
             * @property {string|null} [datasetId] ExtractJob datasetId
             * @property {distill.v1.IViewPlan|null} [plan] ExtractJob plan
             * @property {number|null} [batchSize] ExtractJob batchSize
             * @property {number|null} [shardSize] ExtractJob shardSize
             * @property {boolean|null} [withLogits] ExtractJob withLogits
             */

            /**
             * Constructs a new ExtractJob.
             * @memberof distill.v1
             * @classdesc Represents an ExtractJob.
             * @implements IExtractJob
             * @constructor
             * @param {distill.v1.IExtractJob=} [properties] Properties to set
             */
            function ExtractJob(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ExtractJob schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.ExtractJob
             * @instance
             */
            ExtractJob.prototype.schemaVersion = 0;

            /**
             * ExtractJob jobId.
             * @member {string} jobId
             * @memberof distill.v1.ExtractJob
             * @instance
             */
            ExtractJob.prototype.jobId = "";

            /**
             * ExtractJob attempt.
             * @member {distill.v1.IJobAttempt|null|undefined} attempt
             * @memberof distill.v1.ExtractJob
             * @instance
             */
            ExtractJob.prototype.attempt = null;

            /**
             * ExtractJob teacherId.
             * @member {string} teacherId
             * @memberof distill.v1.ExtractJob
             * @instance
             */
            ExtractJob.prototype.teacherId = "";

            /**
             * ExtractJob datasetId.
             * @member {string} datasetId
             * @memberof distill.v1.ExtractJob
             * @instance
             */
            ExtractJob.prototype.datasetId = "";

            /**
             * ExtractJob plan.
             * @member {distill.v1.IViewPlan|null|undefined} plan
             * @memberof distill.v1.ExtractJob
             * @instance
             */
            ExtractJob.prototype.plan = null;

            /**
             * ExtractJob batchSize.
             * @member {number} batchSize
             * @memberof distill.v1.ExtractJob
             * @instance
             */
            ExtractJob.prototype.batchSize = 0;

            /**
             * ExtractJob shardSize.
             * @member {number} shardSize
             * @memberof distill.v1.ExtractJob
             * @instance
             */
            ExtractJob.prototype.shardSize = 0;

            /**
             * ExtractJob withLogits.
             * @member {boolean} withLogits
             * @memberof distill.v1.ExtractJob
             * @instance
             */
            ExtractJob.prototype.withLogits = false;

            /**
             * Creates a new ExtractJob instance using the specified properties.
             * @function create
             * @memberof distill.v1.ExtractJob
             * @static
             * @param {distill.v1.IExtractJob=} [properties] Properties to set
             * @returns {distill.v1.ExtractJob} ExtractJob instance
             */
            ExtractJob.create = function create(properties) {
                return new ExtractJob(properties);
            };

            /**
             * Encodes the specified ExtractJob message. Does not implicitly {@link distill.v1.ExtractJob.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.ExtractJob
             * @static
             * @param {distill.v1.IExtractJob} message ExtractJob message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ExtractJob.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.jobId);
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    $root.distill.v1.JobAttempt.encode(message.attempt, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.teacherId);
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.datasetId);
                if (message.plan != null && Object.hasOwnProperty.call(message, "plan"))
                    $root.distill.v1.ViewPlan.encode(message.plan, writer.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (message.batchSize != null && Object.hasOwnProperty.call(message, "batchSize"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.batchSize);
                if (message.shardSize != null && Object.hasOwnProperty.call(message, "shardSize"))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.shardSize);
                if (message.withLogits != null && Object.hasOwnProperty.call(message, "withLogits"))
                    writer.uint32(/* id 9, wireType 0 =*/72).bool(message.withLogits);
                return writer;
            };

            /**
             * Decodes an ExtractJob message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.ExtractJob
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.ExtractJob} ExtractJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ExtractJob.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.ExtractJob();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.jobId = reader.string();
                            break;
                        }
                    case 3: {
                            message.attempt = $root.distill.v1.JobAttempt.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.teacherId = reader.string();
                            break;
                        }
                    case 5: {
                            message.datasetId = reader.string();
                            break;
                        }
                    case 6: {
                            message.plan = $root.distill.v1.ViewPlan.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 7: {
                            message.batchSize = reader.uint32();
                            break;
                        }
                    case 8: {
                            message.shardSize = reader.uint32();
                            break;
                        }
                    case 9: {
                            message.withLogits = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies an ExtractJob message.
             * @function verify
             * @memberof distill.v1.ExtractJob
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ExtractJob.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt")) {
                    let error = $root.distill.v1.JobAttempt.verify(message.attempt, long + 1);
                    if (error)
                        return "attempt." + error;
                }
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    if (!$util.isString(message.teacherId))
                        return "teacherId: string expected";
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    if (!$util.isString(message.datasetId))
                        return "datasetId: string expected";
                if (message.plan != null && Object.hasOwnProperty.call(message, "plan")) {
                    let error = $root.distill.v1.ViewPlan.verify(message.plan, long + 1);
                    if (error)
                        return "plan." + error;
                }
                if (message.batchSize != null && Object.hasOwnProperty.call(message, "batchSize"))
                    if (!$util.isInteger(message.batchSize))
                        return "batchSize: integer expected";
                if (message.shardSize != null && Object.hasOwnProperty.call(message, "shardSize"))
                    if (!$util.isInteger(message.shardSize))
                        return "shardSize: integer expected";
                if (message.withLogits != null && Object.hasOwnProperty.call(message, "withLogits"))
                    if (typeof message.withLogits !== "boolean")
                        return "withLogits: boolean expected";
                return null;
            };

            /**
             * Creates an ExtractJob message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.ExtractJob
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.ExtractJob} ExtractJob
             */
            ExtractJob.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.ExtractJob)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.ExtractJob: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.ExtractJob();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.jobId != null)
                    message.jobId = String(object.jobId);
                if (object.attempt != null) {
                    if (!$util.isObject(object.attempt))
                        throw TypeError(".distill.v1.ExtractJob.attempt: object expected");
                    message.attempt = $root.distill.v1.JobAttempt.fromObject(object.attempt, long + 1);
                }
                if (object.teacherId != null)
                    message.teacherId = String(object.teacherId);
                if (object.datasetId != null)
                    message.datasetId = String(object.datasetId);
                if (object.plan != null) {
                    if (!$util.isObject(object.plan))
                        throw TypeError(".distill.v1.ExtractJob.plan: object expected");
                    message.plan = $root.distill.v1.ViewPlan.fromObject(object.plan, long + 1);
                }
                if (object.batchSize != null)
                    message.batchSize = object.batchSize >>> 0;
                if (object.shardSize != null)
                    message.shardSize = object.shardSize >>> 0;
                if (object.withLogits != null)
                    message.withLogits = Boolean(object.withLogits);
                return message;
            };

            /**
             * Creates a plain object from an ExtractJob message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.ExtractJob
             * @static
             * @param {distill.v1.ExtractJob} message ExtractJob
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ExtractJob.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.jobId = "";
                    object.attempt = null;
                    object.teacherId = "";
                    object.datasetId = "";
                    object.plan = null;
                    object.batchSize = 0;
                    object.shardSize = 0;
                    object.withLogits = false;
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    object.attempt = $root.distill.v1.JobAttempt.toObject(message.attempt, options, q + 1);
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    object.teacherId = message.teacherId;
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    object.datasetId = message.datasetId;
                if (message.plan != null && Object.hasOwnProperty.call(message, "plan"))
                    object.plan = $root.distill.v1.ViewPlan.toObject(message.plan, options, q + 1);
                if (message.batchSize != null && Object.hasOwnProperty.call(message, "batchSize"))
                    object.batchSize = message.batchSize;
                if (message.shardSize != null && Object.hasOwnProperty.call(message, "shardSize"))
                    object.shardSize = message.shardSize;
                if (message.withLogits != null && Object.hasOwnProperty.call(message, "withLogits"))
                    object.withLogits = message.withLogits;
                return object;
            };

            /**
             * Converts this ExtractJob to JSON.
             * @function toJSON
             * @memberof distill.v1.ExtractJob
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ExtractJob.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ExtractJob;
        })();

        v1.TrainJob = (function() {

            /**
             * Properties of a TrainJob.
             * @memberof distill.v1
             * @interface ITrainJob
             * @property {number|null} [schemaVersion] TrainJob schemaVersion
             * @property {string|null} [jobId] TrainJob jobId
             * @property {distill.v1.IJobAttempt|null} [attempt] TrainJob attempt
             * @property {string|null} [runId] TrainJob runId
             * @property {string|null} [teacherId] TrainJob teacherId
             * @property {string|null} [datasetId] TrainJob datasetId
             * @property {string|null} [planId] TrainJob planId
             * @property {string|null} [method] TrainJob method
             * @property {string|null} [student] TrainJob student
             * @property {number|null} [epochs] TrainJob epochs
             * @property {number|null} [batchSize] TrainJob batchSize
             * @property {number|null} [seed] TrainJob seed
             * @property {number|null} [checkpointEverySteps] TrainJob checkpointEverySteps
             * @property {string|null} [configJson] TrainJob configJson
             */

            /**
             * Constructs a new TrainJob.
             * @memberof distill.v1
             * @classdesc Represents a TrainJob.
             * @implements ITrainJob
             * @constructor
             * @param {distill.v1.ITrainJob=} [properties] Properties to set
             */
            function TrainJob(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * TrainJob schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.schemaVersion = 0;

            /**
             * TrainJob jobId.
             * @member {string} jobId
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.jobId = "";

            /**
             * TrainJob attempt.
             * @member {distill.v1.IJobAttempt|null|undefined} attempt
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.attempt = null;

            /**
             * TrainJob runId.
             * @member {string} runId
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.runId = "";

            /**
             * TrainJob teacherId.
             * @member {string} teacherId
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.teacherId = "";

            /**
             * TrainJob datasetId.
             * @member {string} datasetId
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.datasetId = "";

            /**
             * TrainJob planId.
             * @member {string} planId
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.planId = "";

            /**
             * TrainJob method.
             * @member {string} method
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.method = "";

            /**
             * TrainJob student.
             * @member {string} student
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.student = "";

            /**
             * TrainJob epochs.
             * @member {number} epochs
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.epochs = 0;

            /**
             * TrainJob batchSize.
             * @member {number} batchSize
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.batchSize = 0;

            /**
             * TrainJob seed.
             * @member {number} seed
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.seed = 0;

            /**
             * TrainJob checkpointEverySteps.
             * @member {number} checkpointEverySteps
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.checkpointEverySteps = 0;

            /**
             * TrainJob configJson.
             * @member {string} configJson
             * @memberof distill.v1.TrainJob
             * @instance
             */
            TrainJob.prototype.configJson = "";

            /**
             * Creates a new TrainJob instance using the specified properties.
             * @function create
             * @memberof distill.v1.TrainJob
             * @static
             * @param {distill.v1.ITrainJob=} [properties] Properties to set
             * @returns {distill.v1.TrainJob} TrainJob instance
             */
            TrainJob.create = function create(properties) {
                return new TrainJob(properties);
            };

            /**
             * Encodes the specified TrainJob message. Does not implicitly {@link distill.v1.TrainJob.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.TrainJob
             * @static
             * @param {distill.v1.ITrainJob} message TrainJob message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TrainJob.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.jobId);
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    $root.distill.v1.JobAttempt.encode(message.attempt, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.runId);
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.teacherId);
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.datasetId);
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.planId);
                if (message.method != null && Object.hasOwnProperty.call(message, "method"))
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.method);
                if (message.student != null && Object.hasOwnProperty.call(message, "student"))
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.student);
                if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.epochs);
                if (message.batchSize != null && Object.hasOwnProperty.call(message, "batchSize"))
                    writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.batchSize);
                if (message.seed != null && Object.hasOwnProperty.call(message, "seed"))
                    writer.uint32(/* id 12, wireType 0 =*/96).uint32(message.seed);
                if (message.checkpointEverySteps != null && Object.hasOwnProperty.call(message, "checkpointEverySteps"))
                    writer.uint32(/* id 13, wireType 0 =*/104).uint32(message.checkpointEverySteps);
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    writer.uint32(/* id 14, wireType 2 =*/114).string(message.configJson);
                return writer;
            };

            /**
             * Decodes a TrainJob message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.TrainJob
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.TrainJob} TrainJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TrainJob.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.TrainJob();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.jobId = reader.string();
                            break;
                        }
                    case 3: {
                            message.attempt = $root.distill.v1.JobAttempt.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.runId = reader.string();
                            break;
                        }
                    case 5: {
                            message.teacherId = reader.string();
                            break;
                        }
                    case 6: {
                            message.datasetId = reader.string();
                            break;
                        }
                    case 7: {
                            message.planId = reader.string();
                            break;
                        }
                    case 8: {
                            message.method = reader.string();
                            break;
                        }
                    case 9: {
                            message.student = reader.string();
                            break;
                        }
                    case 10: {
                            message.epochs = reader.uint32();
                            break;
                        }
                    case 11: {
                            message.batchSize = reader.uint32();
                            break;
                        }
                    case 12: {
                            message.seed = reader.uint32();
                            break;
                        }
                    case 13: {
                            message.checkpointEverySteps = reader.uint32();
                            break;
                        }
                    case 14: {
                            message.configJson = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a TrainJob message.
             * @function verify
             * @memberof distill.v1.TrainJob
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TrainJob.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt")) {
                    let error = $root.distill.v1.JobAttempt.verify(message.attempt, long + 1);
                    if (error)
                        return "attempt." + error;
                }
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    if (!$util.isString(message.runId))
                        return "runId: string expected";
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    if (!$util.isString(message.teacherId))
                        return "teacherId: string expected";
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    if (!$util.isString(message.datasetId))
                        return "datasetId: string expected";
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    if (!$util.isString(message.planId))
                        return "planId: string expected";
                if (message.method != null && Object.hasOwnProperty.call(message, "method"))
                    if (!$util.isString(message.method))
                        return "method: string expected";
                if (message.student != null && Object.hasOwnProperty.call(message, "student"))
                    if (!$util.isString(message.student))
                        return "student: string expected";
                if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                    if (!$util.isInteger(message.epochs))
                        return "epochs: integer expected";
                if (message.batchSize != null && Object.hasOwnProperty.call(message, "batchSize"))
                    if (!$util.isInteger(message.batchSize))
                        return "batchSize: integer expected";
                if (message.seed != null && Object.hasOwnProperty.call(message, "seed"))
                    if (!$util.isInteger(message.seed))
                        return "seed: integer expected";
                if (message.checkpointEverySteps != null && Object.hasOwnProperty.call(message, "checkpointEverySteps"))
                    if (!$util.isInteger(message.checkpointEverySteps))
                        return "checkpointEverySteps: integer expected";
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    if (!$util.isString(message.configJson))
                        return "configJson: string expected";
                return null;
            };

            /**
             * Creates a TrainJob message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.TrainJob
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.TrainJob} TrainJob
             */
            TrainJob.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.TrainJob)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.TrainJob: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.TrainJob();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.jobId != null)
                    message.jobId = String(object.jobId);
                if (object.attempt != null) {
                    if (!$util.isObject(object.attempt))
                        throw TypeError(".distill.v1.TrainJob.attempt: object expected");
                    message.attempt = $root.distill.v1.JobAttempt.fromObject(object.attempt, long + 1);
                }
                if (object.runId != null)
                    message.runId = String(object.runId);
                if (object.teacherId != null)
                    message.teacherId = String(object.teacherId);
                if (object.datasetId != null)
                    message.datasetId = String(object.datasetId);
                if (object.planId != null)
                    message.planId = String(object.planId);
                if (object.method != null)
                    message.method = String(object.method);
                if (object.student != null)
                    message.student = String(object.student);
                if (object.epochs != null)
                    message.epochs = object.epochs >>> 0;
                if (object.batchSize != null)
                    message.batchSize = object.batchSize >>> 0;
                if (object.seed != null)
                    message.seed = object.seed >>> 0;
                if (object.checkpointEverySteps != null)
                    message.checkpointEverySteps = object.checkpointEverySteps >>> 0;
                if (object.configJson != null)
                    message.configJson = String(object.configJson);
                return message;
            };

            /**
             * Creates a plain object from a TrainJob message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.TrainJob
             * @static
             * @param {distill.v1.TrainJob} message TrainJob
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TrainJob.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.jobId = "";
                    object.attempt = null;
                    object.runId = "";
                    object.teacherId = "";
                    object.datasetId = "";
                    object.planId = "";
                    object.method = "";
                    object.student = "";
                    object.epochs = 0;
                    object.batchSize = 0;
                    object.seed = 0;
                    object.checkpointEverySteps = 0;
                    object.configJson = "";
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    object.attempt = $root.distill.v1.JobAttempt.toObject(message.attempt, options, q + 1);
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    object.runId = message.runId;
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    object.teacherId = message.teacherId;
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    object.datasetId = message.datasetId;
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    object.planId = message.planId;
                if (message.method != null && Object.hasOwnProperty.call(message, "method"))
                    object.method = message.method;
                if (message.student != null && Object.hasOwnProperty.call(message, "student"))
                    object.student = message.student;
                if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                    object.epochs = message.epochs;
                if (message.batchSize != null && Object.hasOwnProperty.call(message, "batchSize"))
                    object.batchSize = message.batchSize;
                if (message.seed != null && Object.hasOwnProperty.call(message, "seed"))
                    object.seed = message.seed;
                if (message.checkpointEverySteps != null && Object.hasOwnProperty.call(message, "checkpointEverySteps"))
                    object.checkpointEverySteps = message.checkpointEverySteps;
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    object.configJson = message.configJson;
                return object;
            };

            /**
             * Converts this TrainJob to JSON.
             * @function toJSON
             * @memberof distill.v1.TrainJob
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TrainJob.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return TrainJob;
        })();

        v1.EvalJob = (function() {

            /**
             * Properties of an EvalJob.
             * @memberof distill.v1
             * @interface IEvalJob
             * @property {number|null} [schemaVersion] EvalJob schemaVersion
             * @property {string|null} [jobId] EvalJob jobId
             * @property {distill.v1.IJobAttempt|null} [attempt] EvalJob attempt
             * @property {string|null} [runId] EvalJob runId
             * @property {string|null} [teacherId] EvalJob teacherId
             * @property {string|null} [trainDatasetId] EvalJob trainDatasetId
             * @property {string|null} [testDatasetId] EvalJob testDatasetId
             * @property {Array.<string>|null} [probes] EvalJob probes
             * @property {string|null} [configJson] EvalJob configJson
             */

            /**
             * Constructs a new EvalJob.
             * @memberof distill.v1
             * @classdesc Represents an EvalJob.
             * @implements IEvalJob
             * @constructor
             * @param {distill.v1.IEvalJob=} [properties] Properties to set
             */
            function EvalJob(properties) {
                this.probes = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * EvalJob schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.EvalJob
             * @instance
             */
            EvalJob.prototype.schemaVersion = 0;

            /**
             * EvalJob jobId.
             * @member {string} jobId
             * @memberof distill.v1.EvalJob
             * @instance
             */
            EvalJob.prototype.jobId = "";

            /**
             * EvalJob attempt.
             * @member {distill.v1.IJobAttempt|null|undefined} attempt
             * @memberof distill.v1.EvalJob
             * @instance
             */
            EvalJob.prototype.attempt = null;

            /**
             * EvalJob runId.
             * @member {string} runId
             * @memberof distill.v1.EvalJob
             * @instance
             */
            EvalJob.prototype.runId = "";

            /**
             * EvalJob teacherId.
             * @member {string} teacherId
             * @memberof distill.v1.EvalJob
             * @instance
             */
            EvalJob.prototype.teacherId = "";

            /**
             * EvalJob trainDatasetId.
             * @member {string} trainDatasetId
             * @memberof distill.v1.EvalJob
             * @instance
             */
            EvalJob.prototype.trainDatasetId = "";

            /**
             * EvalJob testDatasetId.
             * @member {string} testDatasetId
             * @memberof distill.v1.EvalJob
             * @instance
             */
            EvalJob.prototype.testDatasetId = "";

            /**
             * EvalJob probes.
             * @member {Array.<string>} probes
             * @memberof distill.v1.EvalJob
             * @instance
             */
            EvalJob.prototype.probes = $util.emptyArray;

            /**
             * EvalJob configJson.
             * @member {string} configJson
             * @memberof distill.v1.EvalJob
             * @instance
             */
            EvalJob.prototype.configJson = "";

            /**
             * Creates a new EvalJob instance using the specified properties.
             * @function create
             * @memberof distill.v1.EvalJob
             * @static
             * @param {distill.v1.IEvalJob=} [properties] Properties to set
             * @returns {distill.v1.EvalJob} EvalJob instance
             */
            EvalJob.create = function create(properties) {
                return new EvalJob(properties);
            };

            /**
             * Encodes the specified EvalJob message. Does not implicitly {@link distill.v1.EvalJob.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.EvalJob
             * @static
             * @param {distill.v1.IEvalJob} message EvalJob message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EvalJob.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.jobId);
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    $root.distill.v1.JobAttempt.encode(message.attempt, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.runId);
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.teacherId);
                if (message.trainDatasetId != null && Object.hasOwnProperty.call(message, "trainDatasetId"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.trainDatasetId);
                if (message.testDatasetId != null && Object.hasOwnProperty.call(message, "testDatasetId"))
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.testDatasetId);
                if (message.probes != null && message.probes.length)
                    for (let i = 0; i < message.probes.length; ++i)
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.probes[i]);
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.configJson);
                return writer;
            };

            /**
             * Decodes an EvalJob message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.EvalJob
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.EvalJob} EvalJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EvalJob.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.EvalJob();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.jobId = reader.string();
                            break;
                        }
                    case 3: {
                            message.attempt = $root.distill.v1.JobAttempt.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.runId = reader.string();
                            break;
                        }
                    case 5: {
                            message.teacherId = reader.string();
                            break;
                        }
                    case 6: {
                            message.trainDatasetId = reader.string();
                            break;
                        }
                    case 7: {
                            message.testDatasetId = reader.string();
                            break;
                        }
                    case 8: {
                            if (!(message.probes && message.probes.length))
                                message.probes = [];
                            message.probes.push(reader.string());
                            break;
                        }
                    case 9: {
                            message.configJson = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies an EvalJob message.
             * @function verify
             * @memberof distill.v1.EvalJob
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EvalJob.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt")) {
                    let error = $root.distill.v1.JobAttempt.verify(message.attempt, long + 1);
                    if (error)
                        return "attempt." + error;
                }
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    if (!$util.isString(message.runId))
                        return "runId: string expected";
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    if (!$util.isString(message.teacherId))
                        return "teacherId: string expected";
                if (message.trainDatasetId != null && Object.hasOwnProperty.call(message, "trainDatasetId"))
                    if (!$util.isString(message.trainDatasetId))
                        return "trainDatasetId: string expected";
                if (message.testDatasetId != null && Object.hasOwnProperty.call(message, "testDatasetId"))
                    if (!$util.isString(message.testDatasetId))
                        return "testDatasetId: string expected";
                if (message.probes != null && Object.hasOwnProperty.call(message, "probes")) {
                    if (!Array.isArray(message.probes))
                        return "probes: array expected";
                    for (let i = 0; i < message.probes.length; ++i)
                        if (!$util.isString(message.probes[i]))
                            return "probes: string[] expected";
                }
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    if (!$util.isString(message.configJson))
                        return "configJson: string expected";
                return null;
            };

            /**
             * Creates an EvalJob message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.EvalJob
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.EvalJob} EvalJob
             */
            EvalJob.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.EvalJob)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.EvalJob: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.EvalJob();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.jobId != null)
                    message.jobId = String(object.jobId);
                if (object.attempt != null) {
                    if (!$util.isObject(object.attempt))
                        throw TypeError(".distill.v1.EvalJob.attempt: object expected");
                    message.attempt = $root.distill.v1.JobAttempt.fromObject(object.attempt, long + 1);
                }
                if (object.runId != null)
                    message.runId = String(object.runId);
                if (object.teacherId != null)
                    message.teacherId = String(object.teacherId);
                if (object.trainDatasetId != null)
                    message.trainDatasetId = String(object.trainDatasetId);
                if (object.testDatasetId != null)
                    message.testDatasetId = String(object.testDatasetId);
                if (object.probes) {
                    if (!Array.isArray(object.probes))
                        throw TypeError(".distill.v1.EvalJob.probes: array expected");
                    message.probes = [];
                    for (let i = 0; i < object.probes.length; ++i)
                        message.probes[i] = String(object.probes[i]);
                }
                if (object.configJson != null)
                    message.configJson = String(object.configJson);
                return message;
            };

            /**
             * Creates a plain object from an EvalJob message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.EvalJob
             * @static
             * @param {distill.v1.EvalJob} message EvalJob
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EvalJob.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.probes = [];
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.jobId = "";
                    object.attempt = null;
                    object.runId = "";
                    object.teacherId = "";
                    object.trainDatasetId = "";
                    object.testDatasetId = "";
                    object.configJson = "";
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    object.attempt = $root.distill.v1.JobAttempt.toObject(message.attempt, options, q + 1);
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    object.runId = message.runId;
                if (message.teacherId != null && Object.hasOwnProperty.call(message, "teacherId"))
                    object.teacherId = message.teacherId;
                if (message.trainDatasetId != null && Object.hasOwnProperty.call(message, "trainDatasetId"))
                    object.trainDatasetId = message.trainDatasetId;
                if (message.testDatasetId != null && Object.hasOwnProperty.call(message, "testDatasetId"))
                    object.testDatasetId = message.testDatasetId;
                if (message.probes && message.probes.length) {
                    object.probes = [];
                    for (let j = 0; j < message.probes.length; ++j)
                        object.probes[j] = message.probes[j];
                }
                if (message.configJson != null && Object.hasOwnProperty.call(message, "configJson"))
                    object.configJson = message.configJson;
                return object;
            };

            /**
             * Converts this EvalJob to JSON.
             * @function toJSON
             * @memberof distill.v1.EvalJob
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EvalJob.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return EvalJob;
        })();

        v1.JobResult = (function() {

            /**
             * Properties of a JobResult.
             * @memberof distill.v1
             * @interface IJobResult
             * @property {number|null} [schemaVersion] JobResult schemaVersion
             * @property {string|null} [jobId] JobResult jobId
             * @property {string|null} [kind] JobResult kind
             * @property {distill.v1.JobStatus|null} [status] JobResult status
             * @property {string|null} [resultJson] JobResult resultJson
             * @property {string|null} [error] JobResult error
             * @property {string|null} [worker] JobResult worker
             * @property {number|null} [attempt] JobResult attempt
             * @property {number|null} [delivery] JobResult delivery
             * @property {number|null} [seconds] JobResult seconds
             * @property {number|null} [timestampMs] JobResult timestampMs
             */

            /**
             * Constructs a new JobResult.
             * @memberof distill.v1
             * @classdesc Represents a JobResult.
             * @implements IJobResult
             * @constructor
             * @param {distill.v1.IJobResult=} [properties] Properties to set
             */
            function JobResult(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * JobResult schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.schemaVersion = 0;

            /**
             * JobResult jobId.
             * @member {string} jobId
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.jobId = "";

            /**
             * JobResult kind.
             * @member {string} kind
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.kind = "";

            /**
             * JobResult status.
             * @member {distill.v1.JobStatus} status
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.status = 0;

            /**
             * JobResult resultJson.
             * @member {string} resultJson
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.resultJson = "";

            /**
             * JobResult error.
             * @member {string} error
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.error = "";

            /**
             * JobResult worker.
             * @member {string} worker
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.worker = "";

            /**
             * JobResult attempt.
             * @member {number} attempt
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.attempt = 0;

            /**
             * JobResult delivery.
             * @member {number} delivery
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.delivery = 0;

            /**
             * JobResult seconds.
             * @member {number} seconds
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.seconds = 0;

            /**
             * JobResult timestampMs.
             * @member {number} timestampMs
             * @memberof distill.v1.JobResult
             * @instance
             */
            JobResult.prototype.timestampMs = 0;

            /**
             * Creates a new JobResult instance using the specified properties.
             * @function create
             * @memberof distill.v1.JobResult
             * @static
             * @param {distill.v1.IJobResult=} [properties] Properties to set
             * @returns {distill.v1.JobResult} JobResult instance
             */
            JobResult.create = function create(properties) {
                return new JobResult(properties);
            };

            /**
             * Encodes the specified JobResult message. Does not implicitly {@link distill.v1.JobResult.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.JobResult
             * @static
             * @param {distill.v1.IJobResult} message JobResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            JobResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.jobId);
                if (message.kind != null && Object.hasOwnProperty.call(message, "kind"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.kind);
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.status);
                if (message.resultJson != null && Object.hasOwnProperty.call(message, "resultJson"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.resultJson);
                if (message.error != null && Object.hasOwnProperty.call(message, "error"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.error);
                if (message.worker != null && Object.hasOwnProperty.call(message, "worker"))
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.worker);
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.attempt);
                if (message.delivery != null && Object.hasOwnProperty.call(message, "delivery"))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.delivery);
                if (message.seconds != null && Object.hasOwnProperty.call(message, "seconds"))
                    writer.uint32(/* id 10, wireType 1 =*/81).double(message.seconds);
                if (message.timestampMs != null && Object.hasOwnProperty.call(message, "timestampMs"))
                    writer.uint32(/* id 11, wireType 1 =*/89).double(message.timestampMs);
                return writer;
            };

            /**
             * Decodes a JobResult message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.JobResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.JobResult} JobResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            JobResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.JobResult();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.jobId = reader.string();
                            break;
                        }
                    case 3: {
                            message.kind = reader.string();
                            break;
                        }
                    case 4: {
                            message.status = reader.int32();
                            break;
                        }
                    case 5: {
                            message.resultJson = reader.string();
                            break;
                        }
                    case 6: {
                            message.error = reader.string();
                            break;
                        }
                    case 7: {
                            message.worker = reader.string();
                            break;
                        }
                    case 8: {
                            message.attempt = reader.uint32();
                            break;
                        }
                    case 9: {
                            message.delivery = reader.uint32();
                            break;
                        }
                    case 10: {
                            message.seconds = reader.double();
                            break;
                        }
                    case 11: {
                            message.timestampMs = reader.double();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a JobResult message.
             * @function verify
             * @memberof distill.v1.JobResult
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            JobResult.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.kind != null && Object.hasOwnProperty.call(message, "kind"))
                    if (!$util.isString(message.kind))
                        return "kind: string expected";
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    switch (message.status) {
                    default:
                        return "status: enum value expected";
                    case 0:
                    case 1:
                    case 2:
                    case 3:
                        break;
                    }
                if (message.resultJson != null && Object.hasOwnProperty.call(message, "resultJson"))
                    if (!$util.isString(message.resultJson))
                        return "resultJson: string expected";
                if (message.error != null && Object.hasOwnProperty.call(message, "error"))
                    if (!$util.isString(message.error))
                        return "error: string expected";
                if (message.worker != null && Object.hasOwnProperty.call(message, "worker"))
                    if (!$util.isString(message.worker))
                        return "worker: string expected";
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    if (!$util.isInteger(message.attempt))
                        return "attempt: integer expected";
                if (message.delivery != null && Object.hasOwnProperty.call(message, "delivery"))
                    if (!$util.isInteger(message.delivery))
                        return "delivery: integer expected";
                if (message.seconds != null && Object.hasOwnProperty.call(message, "seconds"))
                    if (typeof message.seconds !== "number")
                        return "seconds: number expected";
                if (message.timestampMs != null && Object.hasOwnProperty.call(message, "timestampMs"))
                    if (typeof message.timestampMs !== "number")
                        return "timestampMs: number expected";
                return null;
            };

            /**
             * Creates a JobResult message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.JobResult
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.JobResult} JobResult
             */
            JobResult.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.JobResult)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.JobResult: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.JobResult();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.jobId != null)
                    message.jobId = String(object.jobId);
                if (object.kind != null)
                    message.kind = String(object.kind);
                switch (object.status) {
                default:
                    if (typeof object.status === "number") {
                        message.status = object.status;
                        break;
                    }
                    break;
                case "JOB_STATUS_UNSPECIFIED":
                case 0:
                    message.status = 0;
                    break;
                case "JOB_STATUS_RUNNING":
                case 1:
                    message.status = 1;
                    break;
                case "JOB_STATUS_SUCCEEDED":
                case 2:
                    message.status = 2;
                    break;
                case "JOB_STATUS_FAILED":
                case 3:
                    message.status = 3;
                    break;
                }
                if (object.resultJson != null)
                    message.resultJson = String(object.resultJson);
                if (object.error != null)
                    message.error = String(object.error);
                if (object.worker != null)
                    message.worker = String(object.worker);
                if (object.attempt != null)
                    message.attempt = object.attempt >>> 0;
                if (object.delivery != null)
                    message.delivery = object.delivery >>> 0;
                if (object.seconds != null)
                    message.seconds = Number(object.seconds);
                if (object.timestampMs != null)
                    message.timestampMs = Number(object.timestampMs);
                return message;
            };

            /**
             * Creates a plain object from a JobResult message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.JobResult
             * @static
             * @param {distill.v1.JobResult} message JobResult
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            JobResult.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.jobId = "";
                    object.kind = "";
                    object.status = options.enums === String ? "JOB_STATUS_UNSPECIFIED" : 0;
                    object.resultJson = "";
                    object.error = "";
                    object.worker = "";
                    object.attempt = 0;
                    object.delivery = 0;
                    object.seconds = 0;
                    object.timestampMs = 0;
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.kind != null && Object.hasOwnProperty.call(message, "kind"))
                    object.kind = message.kind;
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    object.status = options.enums === String ? $root.distill.v1.JobStatus[message.status] === undefined ? message.status : $root.distill.v1.JobStatus[message.status] : message.status;
                if (message.resultJson != null && Object.hasOwnProperty.call(message, "resultJson"))
                    object.resultJson = message.resultJson;
                if (message.error != null && Object.hasOwnProperty.call(message, "error"))
                    object.error = message.error;
                if (message.worker != null && Object.hasOwnProperty.call(message, "worker"))
                    object.worker = message.worker;
                if (message.attempt != null && Object.hasOwnProperty.call(message, "attempt"))
                    object.attempt = message.attempt;
                if (message.delivery != null && Object.hasOwnProperty.call(message, "delivery"))
                    object.delivery = message.delivery;
                if (message.seconds != null && Object.hasOwnProperty.call(message, "seconds"))
                    object.seconds = options.json && !isFinite(message.seconds) ? String(message.seconds) : message.seconds;
                if (message.timestampMs != null && Object.hasOwnProperty.call(message, "timestampMs"))
                    object.timestampMs = options.json && !isFinite(message.timestampMs) ? String(message.timestampMs) : message.timestampMs;
                return object;
            };

            /**
             * Converts this JobResult to JSON.
             * @function toJSON
             * @memberof distill.v1.JobResult
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            JobResult.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return JobResult;
        })();

        v1.WorkerStatus = (function() {

            /**
             * Properties of a WorkerStatus.
             * @memberof distill.v1
             * @interface IWorkerStatus
             * @property {number|null} [schemaVersion] WorkerStatus schemaVersion
             * @property {string|null} [worker] WorkerStatus worker
             * @property {Array.<string>|null} [kinds] WorkerStatus kinds
             * @property {boolean|null} [ready] WorkerStatus ready
             * @property {string|null} [problem] WorkerStatus problem
             * @property {Array.<string>|null} [jobIds] WorkerStatus jobIds
             * @property {number|null} [concurrency] WorkerStatus concurrency
             * @property {number|null} [timestampMs] WorkerStatus timestampMs
             */

            /**
             * Constructs a new WorkerStatus.
             * @memberof distill.v1
             * @classdesc Represents a WorkerStatus.
             * @implements IWorkerStatus
             * @constructor
             * @param {distill.v1.IWorkerStatus=} [properties] Properties to set
             */
            function WorkerStatus(properties) {
                this.kinds = [];
                this.jobIds = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * WorkerStatus schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.WorkerStatus
             * @instance
             */
            WorkerStatus.prototype.schemaVersion = 0;

            /**
             * WorkerStatus worker.
             * @member {string} worker
             * @memberof distill.v1.WorkerStatus
             * @instance
             */
            WorkerStatus.prototype.worker = "";

            /**
             * WorkerStatus kinds.
             * @member {Array.<string>} kinds
             * @memberof distill.v1.WorkerStatus
             * @instance
             */
            WorkerStatus.prototype.kinds = $util.emptyArray;

            /**
             * WorkerStatus ready.
             * @member {boolean} ready
             * @memberof distill.v1.WorkerStatus
             * @instance
             */
            WorkerStatus.prototype.ready = false;

            /**
             * WorkerStatus problem.
             * @member {string} problem
             * @memberof distill.v1.WorkerStatus
             * @instance
             */
            WorkerStatus.prototype.problem = "";

            /**
             * WorkerStatus jobIds.
             * @member {Array.<string>} jobIds
             * @memberof distill.v1.WorkerStatus
             * @instance
             */
            WorkerStatus.prototype.jobIds = $util.emptyArray;

            /**
             * WorkerStatus concurrency.
             * @member {number} concurrency
             * @memberof distill.v1.WorkerStatus
             * @instance
             */
            WorkerStatus.prototype.concurrency = 0;

            /**
             * WorkerStatus timestampMs.
             * @member {number} timestampMs
             * @memberof distill.v1.WorkerStatus
             * @instance
             */
            WorkerStatus.prototype.timestampMs = 0;

            /**
             * Creates a new WorkerStatus instance using the specified properties.
             * @function create
             * @memberof distill.v1.WorkerStatus
             * @static
             * @param {distill.v1.IWorkerStatus=} [properties] Properties to set
             * @returns {distill.v1.WorkerStatus} WorkerStatus instance
             */
            WorkerStatus.create = function create(properties) {
                return new WorkerStatus(properties);
            };

            /**
             * Encodes the specified WorkerStatus message. Does not implicitly {@link distill.v1.WorkerStatus.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.WorkerStatus
             * @static
             * @param {distill.v1.IWorkerStatus} message WorkerStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerStatus.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.worker != null && Object.hasOwnProperty.call(message, "worker"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.worker);
                if (message.kinds != null && message.kinds.length)
                    for (let i = 0; i < message.kinds.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.kinds[i]);
                if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.ready);
                if (message.problem != null && Object.hasOwnProperty.call(message, "problem"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.problem);
                if (message.jobIds != null && message.jobIds.length)
                    for (let i = 0; i < message.jobIds.length; ++i)
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.jobIds[i]);
                if (message.concurrency != null && Object.hasOwnProperty.call(message, "concurrency"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.concurrency);
                if (message.timestampMs != null && Object.hasOwnProperty.call(message, "timestampMs"))
                    writer.uint32(/* id 8, wireType 1 =*/65).double(message.timestampMs);
                return writer;
            };

            /**
             * Decodes a WorkerStatus message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.WorkerStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.WorkerStatus} WorkerStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerStatus.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.WorkerStatus();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.worker = reader.string();
                            break;
                        }
                    case 3: {
                            if (!(message.kinds && message.kinds.length))
                                message.kinds = [];
                            message.kinds.push(reader.string());
                            break;
                        }
                    case 4: {
                            message.ready = reader.bool();
                            break;
                        }
                    case 5: {
                            message.problem = reader.string();
                            break;
                        }
                    case 6: {
                            if (!(message.jobIds && message.jobIds.length))
                                message.jobIds = [];
                            message.jobIds.push(reader.string());
                            break;
                        }
                    case 7: {
                            message.concurrency = reader.uint32();
                            break;
                        }
                    case 8: {
                            message.timestampMs = reader.double();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a WorkerStatus message.
             * @function verify
             * @memberof distill.v1.WorkerStatus
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            WorkerStatus.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.worker != null && Object.hasOwnProperty.call(message, "worker"))
                    if (!$util.isString(message.worker))
                        return "worker: string expected";
                if (message.kinds != null && Object.hasOwnProperty.call(message, "kinds")) {
                    if (!Array.isArray(message.kinds))
                        return "kinds: array expected";
                    for (let i = 0; i < message.kinds.length; ++i)
                        if (!$util.isString(message.kinds[i]))
                            return "kinds: string[] expected";
                }
                if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                    if (typeof message.ready !== "boolean")
                        return "ready: boolean expected";
                if (message.problem != null && Object.hasOwnProperty.call(message, "problem"))
                    if (!$util.isString(message.problem))
                        return "problem: string expected";
                if (message.jobIds != null && Object.hasOwnProperty.call(message, "jobIds")) {
                    if (!Array.isArray(message.jobIds))
                        return "jobIds: array expected";
                    for (let i = 0; i < message.jobIds.length; ++i)
                        if (!$util.isString(message.jobIds[i]))
                            return "jobIds: string[] expected";
                }
                if (message.concurrency != null && Object.hasOwnProperty.call(message, "concurrency"))
                    if (!$util.isInteger(message.concurrency))
                        return "concurrency: integer expected";
                if (message.timestampMs != null && Object.hasOwnProperty.call(message, "timestampMs"))
                    if (typeof message.timestampMs !== "number")
                        return "timestampMs: number expected";
                return null;
            };

            /**
             * Creates a WorkerStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.WorkerStatus
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.WorkerStatus} WorkerStatus
             */
            WorkerStatus.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.WorkerStatus)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.WorkerStatus: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.WorkerStatus();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.worker != null)
                    message.worker = String(object.worker);
                if (object.kinds) {
                    if (!Array.isArray(object.kinds))
                        throw TypeError(".distill.v1.WorkerStatus.kinds: array expected");
                    message.kinds = [];
                    for (let i = 0; i < object.kinds.length; ++i)
                        message.kinds[i] = String(object.kinds[i]);
                }
                if (object.ready != null)
                    message.ready = Boolean(object.ready);
                if (object.problem != null)
                    message.problem = String(object.problem);
                if (object.jobIds) {
                    if (!Array.isArray(object.jobIds))
                        throw TypeError(".distill.v1.WorkerStatus.jobIds: array expected");
                    message.jobIds = [];
                    for (let i = 0; i < object.jobIds.length; ++i)
                        message.jobIds[i] = String(object.jobIds[i]);
                }
                if (object.concurrency != null)
                    message.concurrency = object.concurrency >>> 0;
                if (object.timestampMs != null)
                    message.timestampMs = Number(object.timestampMs);
                return message;
            };

            /**
             * Creates a plain object from a WorkerStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.WorkerStatus
             * @static
             * @param {distill.v1.WorkerStatus} message WorkerStatus
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            WorkerStatus.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.kinds = [];
                    object.jobIds = [];
                }
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.worker = "";
                    object.ready = false;
                    object.problem = "";
                    object.concurrency = 0;
                    object.timestampMs = 0;
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.worker != null && Object.hasOwnProperty.call(message, "worker"))
                    object.worker = message.worker;
                if (message.kinds && message.kinds.length) {
                    object.kinds = [];
                    for (let j = 0; j < message.kinds.length; ++j)
                        object.kinds[j] = message.kinds[j];
                }
                if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                    object.ready = message.ready;
                if (message.problem != null && Object.hasOwnProperty.call(message, "problem"))
                    object.problem = message.problem;
                if (message.jobIds && message.jobIds.length) {
                    object.jobIds = [];
                    for (let j = 0; j < message.jobIds.length; ++j)
                        object.jobIds[j] = message.jobIds[j];
                }
                if (message.concurrency != null && Object.hasOwnProperty.call(message, "concurrency"))
                    object.concurrency = message.concurrency;
                if (message.timestampMs != null && Object.hasOwnProperty.call(message, "timestampMs"))
                    object.timestampMs = options.json && !isFinite(message.timestampMs) ? String(message.timestampMs) : message.timestampMs;
                return object;
            };

            /**
             * Converts this WorkerStatus to JSON.
             * @function toJSON
             * @memberof distill.v1.WorkerStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            WorkerStatus.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return WorkerStatus;
        })();

        v1.ViewPlan = (function() {

            /**
             * Properties of a ViewPlan.
             * @memberof distill.v1
             * @interface IViewPlan
             * @property {number|null} [schemaVersion] ViewPlan schemaVersion
             * @property {string|null} [planId] ViewPlan planId
             * @property {distill.v1.IFixedViews|null} [fixed] ViewPlan fixed
             * @property {distill.v1.IReplayViews|null} [replay] ViewPlan replay
             */

            /**
             * Constructs a new ViewPlan.
             * @memberof distill.v1
             * @classdesc Represents a ViewPlan.
             * @implements IViewPlan
             * @constructor
             * @param {distill.v1.IViewPlan=} [properties] Properties to set
             */
            function ViewPlan(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ViewPlan schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.ViewPlan
             * @instance
             */
            ViewPlan.prototype.schemaVersion = 0;

            /**
             * ViewPlan planId.
             * @member {string} planId
             * @memberof distill.v1.ViewPlan
             * @instance
             */
            ViewPlan.prototype.planId = "";

            /**
             * ViewPlan fixed.
             * @member {distill.v1.IFixedViews|null|undefined} fixed
             * @memberof distill.v1.ViewPlan
             * @instance
             */
            ViewPlan.prototype.fixed = null;

            /**
             * ViewPlan replay.
             * @member {distill.v1.IReplayViews|null|undefined} replay
             * @memberof distill.v1.ViewPlan
             * @instance
             */
            ViewPlan.prototype.replay = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ViewPlan kind.
             * @member {"fixed"|"replay"|undefined} kind
             * @memberof distill.v1.ViewPlan
             * @instance
             */
            Object.defineProperty(ViewPlan.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["fixed", "replay"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ViewPlan instance using the specified properties.
             * @function create
             * @memberof distill.v1.ViewPlan
             * @static
             * @param {distill.v1.IViewPlan=} [properties] Properties to set
             * @returns {distill.v1.ViewPlan} ViewPlan instance
             */
            ViewPlan.create = function create(properties) {
                return new ViewPlan(properties);
            };

            /**
             * Encodes the specified ViewPlan message. Does not implicitly {@link distill.v1.ViewPlan.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.ViewPlan
             * @static
             * @param {distill.v1.IViewPlan} message ViewPlan message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ViewPlan.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.planId);
                if (message.fixed != null && Object.hasOwnProperty.call(message, "fixed"))
                    $root.distill.v1.FixedViews.encode(message.fixed, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (message.replay != null && Object.hasOwnProperty.call(message, "replay"))
                    $root.distill.v1.ReplayViews.encode(message.replay, writer.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a ViewPlan message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.ViewPlan
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.ViewPlan} ViewPlan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ViewPlan.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.ViewPlan();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.planId = reader.string();
                            break;
                        }
                    case 3: {
                            message.fixed = $root.distill.v1.FixedViews.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.replay = $root.distill.v1.ReplayViews.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a ViewPlan message.
             * @function verify
             * @memberof distill.v1.ViewPlan
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ViewPlan.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                let properties = {};
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    if (!$util.isString(message.planId))
                        return "planId: string expected";
                if (message.fixed != null && Object.hasOwnProperty.call(message, "fixed")) {
                    properties.kind = 1;
                    {
                        let error = $root.distill.v1.FixedViews.verify(message.fixed, long + 1);
                        if (error)
                            return "fixed." + error;
                    }
                }
                if (message.replay != null && Object.hasOwnProperty.call(message, "replay")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.distill.v1.ReplayViews.verify(message.replay, long + 1);
                        if (error)
                            return "replay." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a ViewPlan message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.ViewPlan
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.ViewPlan} ViewPlan
             */
            ViewPlan.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.ViewPlan)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.ViewPlan: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.ViewPlan();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.planId != null)
                    message.planId = String(object.planId);
                if (object.fixed != null) {
                    if (!$util.isObject(object.fixed))
                        throw TypeError(".distill.v1.ViewPlan.fixed: object expected");
                    message.fixed = $root.distill.v1.FixedViews.fromObject(object.fixed, long + 1);
                }
                if (object.replay != null) {
                    if (!$util.isObject(object.replay))
                        throw TypeError(".distill.v1.ViewPlan.replay: object expected");
                    message.replay = $root.distill.v1.ReplayViews.fromObject(object.replay, long + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a ViewPlan message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.ViewPlan
             * @static
             * @param {distill.v1.ViewPlan} message ViewPlan
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ViewPlan.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.planId = "";
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    object.planId = message.planId;
                if (message.fixed != null && Object.hasOwnProperty.call(message, "fixed")) {
                    object.fixed = $root.distill.v1.FixedViews.toObject(message.fixed, options, q + 1);
                    if (options.oneofs)
                        object.kind = "fixed";
                }
                if (message.replay != null && Object.hasOwnProperty.call(message, "replay")) {
                    object.replay = $root.distill.v1.ReplayViews.toObject(message.replay, options, q + 1);
                    if (options.oneofs)
                        object.kind = "replay";
                }
                return object;
            };

            /**
             * Converts this ViewPlan to JSON.
             * @function toJSON
             * @memberof distill.v1.ViewPlan
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ViewPlan.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ViewPlan;
        })();

        v1.FixedViews = (function() {

            /**
             * Properties of a FixedViews.
             * @memberof distill.v1
             * @interface IFixedViews
             */

            /**
             * Constructs a new FixedViews.
             * @memberof distill.v1
             * @classdesc Represents a FixedViews.
             * @implements IFixedViews
             * @constructor
             * @param {distill.v1.IFixedViews=} [properties] Properties to set
             */
            function FixedViews(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Creates a new FixedViews instance using the specified properties.
             * @function create
             * @memberof distill.v1.FixedViews
             * @static
             * @param {distill.v1.IFixedViews=} [properties] Properties to set
             * @returns {distill.v1.FixedViews} FixedViews instance
             */
            FixedViews.create = function create(properties) {
                return new FixedViews(properties);
            };

            /**
             * Encodes the specified FixedViews message. Does not implicitly {@link distill.v1.FixedViews.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.FixedViews
             * @static
             * @param {distill.v1.IFixedViews} message FixedViews message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FixedViews.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                return writer;
            };

            /**
             * Decodes a FixedViews message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.FixedViews
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.FixedViews} FixedViews
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FixedViews.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.FixedViews();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a FixedViews message.
             * @function verify
             * @memberof distill.v1.FixedViews
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            FixedViews.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                return null;
            };

            /**
             * Creates a FixedViews message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.FixedViews
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.FixedViews} FixedViews
             */
            FixedViews.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.FixedViews)
                    return object;
                return new $root.distill.v1.FixedViews();
            };

            /**
             * Creates a plain object from a FixedViews message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.FixedViews
             * @static
             * @param {distill.v1.FixedViews} message FixedViews
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FixedViews.toObject = function toObject() {
                return {};
            };

            /**
             * Converts this FixedViews to JSON.
             * @function toJSON
             * @memberof distill.v1.FixedViews
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FixedViews.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return FixedViews;
        })();

        v1.ReplayViews = (function() {

            /**
             * Properties of a ReplayViews.
             * @memberof distill.v1
             * @interface IReplayViews
             * @property {number|null} [epochs] ReplayViews epochs
             * @property {string|null} [preset] ReplayViews preset
             * @property {number|null} [planSeed] ReplayViews planSeed
             * @property {number|null} [viewsPerEpoch] ReplayViews viewsPerEpoch
             */

            /**
             * Constructs a new ReplayViews.
             * @memberof distill.v1
             * @classdesc Represents a ReplayViews.
             * @implements IReplayViews
             * @constructor
             * @param {distill.v1.IReplayViews=} [properties] Properties to set
             */
            function ReplayViews(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ReplayViews epochs.
             * @member {number} epochs
             * @memberof distill.v1.ReplayViews
             * @instance
             */
            ReplayViews.prototype.epochs = 0;

            /**
             * ReplayViews preset.
             * @member {string} preset
             * @memberof distill.v1.ReplayViews
             * @instance
             */
            ReplayViews.prototype.preset = "";

            /**
             * ReplayViews planSeed.
             * @member {number} planSeed
             * @memberof distill.v1.ReplayViews
             * @instance
             */
            ReplayViews.prototype.planSeed = 0;

            /**
             * ReplayViews viewsPerEpoch.
             * @member {number} viewsPerEpoch
             * @memberof distill.v1.ReplayViews
             * @instance
             */
            ReplayViews.prototype.viewsPerEpoch = 0;

            /**
             * Creates a new ReplayViews instance using the specified properties.
             * @function create
             * @memberof distill.v1.ReplayViews
             * @static
             * @param {distill.v1.IReplayViews=} [properties] Properties to set
             * @returns {distill.v1.ReplayViews} ReplayViews instance
             */
            ReplayViews.create = function create(properties) {
                return new ReplayViews(properties);
            };

            /**
             * Encodes the specified ReplayViews message. Does not implicitly {@link distill.v1.ReplayViews.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.ReplayViews
             * @static
             * @param {distill.v1.IReplayViews} message ReplayViews message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReplayViews.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.epochs);
                if (message.preset != null && Object.hasOwnProperty.call(message, "preset"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.preset);
                if (message.planSeed != null && Object.hasOwnProperty.call(message, "planSeed"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.planSeed);
                if (message.viewsPerEpoch != null && Object.hasOwnProperty.call(message, "viewsPerEpoch"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.viewsPerEpoch);
                return writer;
            };

            /**
             * Decodes a ReplayViews message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.ReplayViews
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.ReplayViews} ReplayViews
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReplayViews.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.ReplayViews();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.epochs = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.preset = reader.string();
                            break;
                        }
                    case 3: {
                            message.planSeed = reader.uint32();
                            break;
                        }
                    case 4: {
                            message.viewsPerEpoch = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a ReplayViews message.
             * @function verify
             * @memberof distill.v1.ReplayViews
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ReplayViews.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                    if (!$util.isInteger(message.epochs))
                        return "epochs: integer expected";
                if (message.preset != null && Object.hasOwnProperty.call(message, "preset"))
                    if (!$util.isString(message.preset))
                        return "preset: string expected";
                if (message.planSeed != null && Object.hasOwnProperty.call(message, "planSeed"))
                    if (!$util.isInteger(message.planSeed))
                        return "planSeed: integer expected";
                if (message.viewsPerEpoch != null && Object.hasOwnProperty.call(message, "viewsPerEpoch"))
                    if (!$util.isInteger(message.viewsPerEpoch))
                        return "viewsPerEpoch: integer expected";
                return null;
            };

            /**
             * Creates a ReplayViews message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.ReplayViews
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.ReplayViews} ReplayViews
             */
            ReplayViews.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.ReplayViews)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.ReplayViews: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.ReplayViews();
                if (object.epochs != null)
                    message.epochs = object.epochs >>> 0;
                if (object.preset != null)
                    message.preset = String(object.preset);
                if (object.planSeed != null)
                    message.planSeed = object.planSeed >>> 0;
                if (object.viewsPerEpoch != null)
                    message.viewsPerEpoch = object.viewsPerEpoch >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a ReplayViews message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.ReplayViews
             * @static
             * @param {distill.v1.ReplayViews} message ReplayViews
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ReplayViews.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.epochs = 0;
                    object.preset = "";
                    object.planSeed = 0;
                    object.viewsPerEpoch = 0;
                }
                if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                    object.epochs = message.epochs;
                if (message.preset != null && Object.hasOwnProperty.call(message, "preset"))
                    object.preset = message.preset;
                if (message.planSeed != null && Object.hasOwnProperty.call(message, "planSeed"))
                    object.planSeed = message.planSeed;
                if (message.viewsPerEpoch != null && Object.hasOwnProperty.call(message, "viewsPerEpoch"))
                    object.viewsPerEpoch = message.viewsPerEpoch;
                return object;
            };

            /**
             * Converts this ReplayViews to JSON.
             * @function toJSON
             * @memberof distill.v1.ReplayViews
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ReplayViews.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ReplayViews;
        })();

        v1.SampleRange = (function() {

            /**
             * Properties of a SampleRange.
             * @memberof distill.v1
             * @interface ISampleRange
             * @property {number|null} [start] SampleRange start
             * @property {number|null} [count] SampleRange count
             */

            /**
             * Constructs a new SampleRange.
             * @memberof distill.v1
             * @classdesc Represents a SampleRange.
             * @implements ISampleRange
             * @constructor
             * @param {distill.v1.ISampleRange=} [properties] Properties to set
             */
            function SampleRange(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * SampleRange start.
             * @member {number} start
             * @memberof distill.v1.SampleRange
             * @instance
             */
            SampleRange.prototype.start = 0;

            /**
             * SampleRange count.
             * @member {number} count
             * @memberof distill.v1.SampleRange
             * @instance
             */
            SampleRange.prototype.count = 0;

            /**
             * Creates a new SampleRange instance using the specified properties.
             * @function create
             * @memberof distill.v1.SampleRange
             * @static
             * @param {distill.v1.ISampleRange=} [properties] Properties to set
             * @returns {distill.v1.SampleRange} SampleRange instance
             */
            SampleRange.create = function create(properties) {
                return new SampleRange(properties);
            };

            /**
             * Encodes the specified SampleRange message. Does not implicitly {@link distill.v1.SampleRange.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.SampleRange
             * @static
             * @param {distill.v1.ISampleRange} message SampleRange message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SampleRange.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.start != null && Object.hasOwnProperty.call(message, "start"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.start);
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.count);
                return writer;
            };

            /**
             * Decodes a SampleRange message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.SampleRange
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.SampleRange} SampleRange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SampleRange.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.SampleRange();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.start = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.count = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a SampleRange message.
             * @function verify
             * @memberof distill.v1.SampleRange
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SampleRange.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.start != null && Object.hasOwnProperty.call(message, "start"))
                    if (!$util.isInteger(message.start))
                        return "start: integer expected";
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    if (!$util.isInteger(message.count))
                        return "count: integer expected";
                return null;
            };

            /**
             * Creates a SampleRange message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.SampleRange
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.SampleRange} SampleRange
             */
            SampleRange.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.SampleRange)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.SampleRange: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.SampleRange();
                if (object.start != null)
                    message.start = object.start >>> 0;
                if (object.count != null)
                    message.count = object.count >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a SampleRange message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.SampleRange
             * @static
             * @param {distill.v1.SampleRange} message SampleRange
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SampleRange.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.start = 0;
                    object.count = 0;
                }
                if (message.start != null && Object.hasOwnProperty.call(message, "start"))
                    object.start = message.start;
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    object.count = message.count;
                return object;
            };

            /**
             * Converts this SampleRange to JSON.
             * @function toJSON
             * @memberof distill.v1.SampleRange
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SampleRange.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return SampleRange;
        })();

        v1.SampleIndices = (function() {

            /**
             * Properties of a SampleIndices.
             * @memberof distill.v1
             * @interface ISampleIndices
             * @property {Array.<number>|null} [indices] SampleIndices indices
             */

            /**
             * Constructs a new SampleIndices.
             * @memberof distill.v1
             * @classdesc Represents a SampleIndices.
             * @implements ISampleIndices
             * @constructor
             * @param {distill.v1.ISampleIndices=} [properties] Properties to set
             */
            function SampleIndices(properties) {
                this.indices = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * SampleIndices indices.
             * @member {Array.<number>} indices
             * @memberof distill.v1.SampleIndices
             * @instance
             */
            SampleIndices.prototype.indices = $util.emptyArray;

            /**
             * Creates a new SampleIndices instance using the specified properties.
             * @function create
             * @memberof distill.v1.SampleIndices
             * @static
             * @param {distill.v1.ISampleIndices=} [properties] Properties to set
             * @returns {distill.v1.SampleIndices} SampleIndices instance
             */
            SampleIndices.create = function create(properties) {
                return new SampleIndices(properties);
            };

            /**
             * Encodes the specified SampleIndices message. Does not implicitly {@link distill.v1.SampleIndices.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.SampleIndices
             * @static
             * @param {distill.v1.ISampleIndices} message SampleIndices message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SampleIndices.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.indices != null && message.indices.length) {
                    writer.uint32(/* id 1, wireType 2 =*/10).fork();
                    for (let i = 0; i < message.indices.length; ++i)
                        writer.uint32(message.indices[i]);
                    writer.ldelim();
                }
                return writer;
            };

            /**
             * Decodes a SampleIndices message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.SampleIndices
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.SampleIndices} SampleIndices
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SampleIndices.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.SampleIndices();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.indices && message.indices.length))
                                message.indices = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.indices.push(reader.uint32());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.indices.push(reader.uint32());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a SampleIndices message.
             * @function verify
             * @memberof distill.v1.SampleIndices
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SampleIndices.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.indices != null && Object.hasOwnProperty.call(message, "indices")) {
                    if (!Array.isArray(message.indices))
                        return "indices: array expected";
                    for (let i = 0; i < message.indices.length; ++i)
                        if (!$util.isInteger(message.indices[i]))
                            return "indices: integer[] expected";
                }
                return null;
            };

            /**
             * Creates a SampleIndices message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.SampleIndices
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.SampleIndices} SampleIndices
             */
            SampleIndices.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.SampleIndices)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.SampleIndices: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.SampleIndices();
                if (object.indices) {
                    if (!Array.isArray(object.indices))
                        throw TypeError(".distill.v1.SampleIndices.indices: array expected");
                    message.indices = [];
                    for (let i = 0; i < object.indices.length; ++i)
                        message.indices[i] = object.indices[i] >>> 0;
                }
                return message;
            };

            /**
             * Creates a plain object from a SampleIndices message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.SampleIndices
             * @static
             * @param {distill.v1.SampleIndices} message SampleIndices
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SampleIndices.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.indices = [];
                if (message.indices && message.indices.length) {
                    object.indices = [];
                    for (let j = 0; j < message.indices.length; ++j)
                        object.indices[j] = message.indices[j];
                }
                return object;
            };

            /**
             * Converts this SampleIndices to JSON.
             * @function toJSON
             * @memberof distill.v1.SampleIndices
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SampleIndices.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return SampleIndices;
        })();

        v1.ViewBatchRequest = (function() {

            /**
             * Properties of a ViewBatchRequest.
             * @memberof distill.v1
             * @interface IViewBatchRequest
             * @property {number|null} [schemaVersion] ViewBatchRequest schemaVersion
             * @property {string|null} [datasetId] ViewBatchRequest datasetId
             * @property {distill.v1.IViewPlan|null} [plan] ViewBatchRequest plan
             * @property {distill.v1.ISampleRange|null} [range] ViewBatchRequest range
             * @property {distill.v1.ISampleIndices|null} [indices] ViewBatchRequest indices
             * @property {number|null} [epoch] ViewBatchRequest epoch
             * @property {number|null} [view] ViewBatchRequest view
             */

            /**
             * Constructs a new ViewBatchRequest.
             * @memberof distill.v1
             * @classdesc Represents a ViewBatchRequest.
             * @implements IViewBatchRequest
             * @constructor
             * @param {distill.v1.IViewBatchRequest=} [properties] Properties to set
             */
            function ViewBatchRequest(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ViewBatchRequest schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.ViewBatchRequest
             * @instance
             */
            ViewBatchRequest.prototype.schemaVersion = 0;

            /**
             * ViewBatchRequest datasetId.
             * @member {string} datasetId
             * @memberof distill.v1.ViewBatchRequest
             * @instance
             */
            ViewBatchRequest.prototype.datasetId = "";

            /**
             * ViewBatchRequest plan.
             * @member {distill.v1.IViewPlan|null|undefined} plan
             * @memberof distill.v1.ViewBatchRequest
             * @instance
             */
            ViewBatchRequest.prototype.plan = null;

            /**
             * ViewBatchRequest range.
             * @member {distill.v1.ISampleRange|null|undefined} range
             * @memberof distill.v1.ViewBatchRequest
             * @instance
             */
            ViewBatchRequest.prototype.range = null;

            /**
             * ViewBatchRequest indices.
             * @member {distill.v1.ISampleIndices|null|undefined} indices
             * @memberof distill.v1.ViewBatchRequest
             * @instance
             */
            ViewBatchRequest.prototype.indices = null;

            /**
             * ViewBatchRequest epoch.
             * @member {number} epoch
             * @memberof distill.v1.ViewBatchRequest
             * @instance
             */
            ViewBatchRequest.prototype.epoch = 0;

            /**
             * ViewBatchRequest view.
             * @member {number} view
             * @memberof distill.v1.ViewBatchRequest
             * @instance
             */
            ViewBatchRequest.prototype.view = 0;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ViewBatchRequest samples.
             * @member {"range"|"indices"|undefined} samples
             * @memberof distill.v1.ViewBatchRequest
             * @instance
             */
            Object.defineProperty(ViewBatchRequest.prototype, "samples", {
                get: $util.oneOfGetter($oneOfFields = ["range", "indices"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ViewBatchRequest instance using the specified properties.
             * @function create
             * @memberof distill.v1.ViewBatchRequest
             * @static
             * @param {distill.v1.IViewBatchRequest=} [properties] Properties to set
             * @returns {distill.v1.ViewBatchRequest} ViewBatchRequest instance
             */
            ViewBatchRequest.create = function create(properties) {
                return new ViewBatchRequest(properties);
            };

            /**
             * Encodes the specified ViewBatchRequest message. Does not implicitly {@link distill.v1.ViewBatchRequest.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.ViewBatchRequest
             * @static
             * @param {distill.v1.IViewBatchRequest} message ViewBatchRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ViewBatchRequest.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.datasetId);
                if (message.plan != null && Object.hasOwnProperty.call(message, "plan"))
                    $root.distill.v1.ViewPlan.encode(message.plan, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (message.range != null && Object.hasOwnProperty.call(message, "range"))
                    $root.distill.v1.SampleRange.encode(message.range, writer.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (message.indices != null && Object.hasOwnProperty.call(message, "indices"))
                    $root.distill.v1.SampleIndices.encode(message.indices, writer.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.epoch);
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.view);
                return writer;
            };

            /**
             * Decodes a ViewBatchRequest message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.ViewBatchRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.ViewBatchRequest} ViewBatchRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ViewBatchRequest.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.ViewBatchRequest();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.datasetId = reader.string();
                            break;
                        }
                    case 3: {
                            message.plan = $root.distill.v1.ViewPlan.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.range = $root.distill.v1.SampleRange.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 5: {
                            message.indices = $root.distill.v1.SampleIndices.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 6: {
                            message.epoch = reader.uint32();
                            break;
                        }
                    case 7: {
                            message.view = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a ViewBatchRequest message.
             * @function verify
             * @memberof distill.v1.ViewBatchRequest
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ViewBatchRequest.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                let properties = {};
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    if (!$util.isString(message.datasetId))
                        return "datasetId: string expected";
                if (message.plan != null && Object.hasOwnProperty.call(message, "plan")) {
                    let error = $root.distill.v1.ViewPlan.verify(message.plan, long + 1);
                    if (error)
                        return "plan." + error;
                }
                if (message.range != null && Object.hasOwnProperty.call(message, "range")) {
                    properties.samples = 1;
                    {
                        let error = $root.distill.v1.SampleRange.verify(message.range, long + 1);
                        if (error)
                            return "range." + error;
                    }
                }
                if (message.indices != null && Object.hasOwnProperty.call(message, "indices")) {
                    if (properties.samples === 1)
                        return "samples: multiple values";
                    properties.samples = 1;
                    {
                        let error = $root.distill.v1.SampleIndices.verify(message.indices, long + 1);
                        if (error)
                            return "indices." + error;
                    }
                }
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    if (!$util.isInteger(message.epoch))
                        return "epoch: integer expected";
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    if (!$util.isInteger(message.view))
                        return "view: integer expected";
                return null;
            };

            /**
             * Creates a ViewBatchRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.ViewBatchRequest
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.ViewBatchRequest} ViewBatchRequest
             */
            ViewBatchRequest.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.ViewBatchRequest)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.ViewBatchRequest: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.ViewBatchRequest();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.datasetId != null)
                    message.datasetId = String(object.datasetId);
                if (object.plan != null) {
                    if (!$util.isObject(object.plan))
                        throw TypeError(".distill.v1.ViewBatchRequest.plan: object expected");
                    message.plan = $root.distill.v1.ViewPlan.fromObject(object.plan, long + 1);
                }
                if (object.range != null) {
                    if (!$util.isObject(object.range))
                        throw TypeError(".distill.v1.ViewBatchRequest.range: object expected");
                    message.range = $root.distill.v1.SampleRange.fromObject(object.range, long + 1);
                }
                if (object.indices != null) {
                    if (!$util.isObject(object.indices))
                        throw TypeError(".distill.v1.ViewBatchRequest.indices: object expected");
                    message.indices = $root.distill.v1.SampleIndices.fromObject(object.indices, long + 1);
                }
                if (object.epoch != null)
                    message.epoch = object.epoch >>> 0;
                if (object.view != null)
                    message.view = object.view >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a ViewBatchRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.ViewBatchRequest
             * @static
             * @param {distill.v1.ViewBatchRequest} message ViewBatchRequest
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ViewBatchRequest.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.datasetId = "";
                    object.plan = null;
                    object.epoch = 0;
                    object.view = 0;
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    object.datasetId = message.datasetId;
                if (message.plan != null && Object.hasOwnProperty.call(message, "plan"))
                    object.plan = $root.distill.v1.ViewPlan.toObject(message.plan, options, q + 1);
                if (message.range != null && Object.hasOwnProperty.call(message, "range")) {
                    object.range = $root.distill.v1.SampleRange.toObject(message.range, options, q + 1);
                    if (options.oneofs)
                        object.samples = "range";
                }
                if (message.indices != null && Object.hasOwnProperty.call(message, "indices")) {
                    object.indices = $root.distill.v1.SampleIndices.toObject(message.indices, options, q + 1);
                    if (options.oneofs)
                        object.samples = "indices";
                }
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    object.epoch = message.epoch;
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    object.view = message.view;
                return object;
            };

            /**
             * Converts this ViewBatchRequest to JSON.
             * @function toJSON
             * @memberof distill.v1.ViewBatchRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ViewBatchRequest.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ViewBatchRequest;
        })();

        v1.ViewBatchReply = (function() {

            /**
             * Properties of a ViewBatchReply.
             * @memberof distill.v1
             * @interface IViewBatchReply
             * @property {number|null} [schemaVersion] ViewBatchReply schemaVersion
             * @property {string|null} [datasetId] ViewBatchReply datasetId
             * @property {string|null} [planId] ViewBatchReply planId
             * @property {number|null} [epoch] ViewBatchReply epoch
             * @property {number|null} [view] ViewBatchReply view
             * @property {Array.<number>|null} [sampleIndices] ViewBatchReply sampleIndices
             * @property {Array.<number>|null} [shape] ViewBatchReply shape
             * @property {Uint8Array|null} [data] ViewBatchReply data
             */

            /**
             * Constructs a new ViewBatchReply.
             * @memberof distill.v1
             * @classdesc Represents a ViewBatchReply.
             * @implements IViewBatchReply
             * @constructor
             * @param {distill.v1.IViewBatchReply=} [properties] Properties to set
             */
            function ViewBatchReply(properties) {
                this.sampleIndices = [];
                this.shape = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ViewBatchReply schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.ViewBatchReply
             * @instance
             */
            ViewBatchReply.prototype.schemaVersion = 0;

            /**
             * ViewBatchReply datasetId.
             * @member {string} datasetId
             * @memberof distill.v1.ViewBatchReply
             * @instance
             */
            ViewBatchReply.prototype.datasetId = "";

            /**
             * ViewBatchReply planId.
             * @member {string} planId
             * @memberof distill.v1.ViewBatchReply
             * @instance
             */
            ViewBatchReply.prototype.planId = "";

            /**
             * ViewBatchReply epoch.
             * @member {number} epoch
             * @memberof distill.v1.ViewBatchReply
             * @instance
             */
            ViewBatchReply.prototype.epoch = 0;

            /**
             * ViewBatchReply view.
             * @member {number} view
             * @memberof distill.v1.ViewBatchReply
             * @instance
             */
            ViewBatchReply.prototype.view = 0;

            /**
             * ViewBatchReply sampleIndices.
             * @member {Array.<number>} sampleIndices
             * @memberof distill.v1.ViewBatchReply
             * @instance
             */
            ViewBatchReply.prototype.sampleIndices = $util.emptyArray;

            /**
             * ViewBatchReply shape.
             * @member {Array.<number>} shape
             * @memberof distill.v1.ViewBatchReply
             * @instance
             */
            ViewBatchReply.prototype.shape = $util.emptyArray;

            /**
             * ViewBatchReply data.
             * @member {Uint8Array} data
             * @memberof distill.v1.ViewBatchReply
             * @instance
             */
            ViewBatchReply.prototype.data = $util.newBuffer([]);

            /**
             * Creates a new ViewBatchReply instance using the specified properties.
             * @function create
             * @memberof distill.v1.ViewBatchReply
             * @static
             * @param {distill.v1.IViewBatchReply=} [properties] Properties to set
             * @returns {distill.v1.ViewBatchReply} ViewBatchReply instance
             */
            ViewBatchReply.create = function create(properties) {
                return new ViewBatchReply(properties);
            };

            /**
             * Encodes the specified ViewBatchReply message. Does not implicitly {@link distill.v1.ViewBatchReply.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.ViewBatchReply
             * @static
             * @param {distill.v1.IViewBatchReply} message ViewBatchReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ViewBatchReply.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.datasetId);
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.planId);
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.epoch);
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.view);
                if (message.sampleIndices != null && message.sampleIndices.length) {
                    writer.uint32(/* id 6, wireType 2 =*/50).fork();
                    for (let i = 0; i < message.sampleIndices.length; ++i)
                        writer.uint32(message.sampleIndices[i]);
                    writer.ldelim();
                }
                if (message.shape != null && message.shape.length) {
                    writer.uint32(/* id 7, wireType 2 =*/58).fork();
                    for (let i = 0; i < message.shape.length; ++i)
                        writer.uint32(message.shape[i]);
                    writer.ldelim();
                }
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.data);
                return writer;
            };

            /**
             * Decodes a ViewBatchReply message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.ViewBatchReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.ViewBatchReply} ViewBatchReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ViewBatchReply.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.ViewBatchReply();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.datasetId = reader.string();
                            break;
                        }
                    case 3: {
                            message.planId = reader.string();
                            break;
                        }
                    case 4: {
                            message.epoch = reader.uint32();
                            break;
                        }
                    case 5: {
                            message.view = reader.uint32();
                            break;
                        }
                    case 6: {
                            if (!(message.sampleIndices && message.sampleIndices.length))
                                message.sampleIndices = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.sampleIndices.push(reader.uint32());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.sampleIndices.push(reader.uint32());
                            break;
                        }
                    case 7: {
                            if (!(message.shape && message.shape.length))
                                message.shape = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.shape.push(reader.uint32());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.shape.push(reader.uint32());
                            break;
                        }
                    case 8: {
                            message.data = reader.bytes();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a ViewBatchReply message.
             * @function verify
             * @memberof distill.v1.ViewBatchReply
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ViewBatchReply.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    if (!$util.isString(message.datasetId))
                        return "datasetId: string expected";
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    if (!$util.isString(message.planId))
                        return "planId: string expected";
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    if (!$util.isInteger(message.epoch))
                        return "epoch: integer expected";
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    if (!$util.isInteger(message.view))
                        return "view: integer expected";
                if (message.sampleIndices != null && Object.hasOwnProperty.call(message, "sampleIndices")) {
                    if (!Array.isArray(message.sampleIndices))
                        return "sampleIndices: array expected";
                    for (let i = 0; i < message.sampleIndices.length; ++i)
                        if (!$util.isInteger(message.sampleIndices[i]))
                            return "sampleIndices: integer[] expected";
                }
                if (message.shape != null && Object.hasOwnProperty.call(message, "shape")) {
                    if (!Array.isArray(message.shape))
                        return "shape: array expected";
                    for (let i = 0; i < message.shape.length; ++i)
                        if (!$util.isInteger(message.shape[i]))
                            return "shape: integer[] expected";
                }
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    if (!(message.data && typeof message.data.length === "number" || $util.isString(message.data)))
                        return "data: buffer expected";
                return null;
            };

            /**
             * Creates a ViewBatchReply message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.ViewBatchReply
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.ViewBatchReply} ViewBatchReply
             */
            ViewBatchReply.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.ViewBatchReply)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.ViewBatchReply: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.ViewBatchReply();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.datasetId != null)
                    message.datasetId = String(object.datasetId);
                if (object.planId != null)
                    message.planId = String(object.planId);
                if (object.epoch != null)
                    message.epoch = object.epoch >>> 0;
                if (object.view != null)
                    message.view = object.view >>> 0;
                if (object.sampleIndices) {
                    if (!Array.isArray(object.sampleIndices))
                        throw TypeError(".distill.v1.ViewBatchReply.sampleIndices: array expected");
                    message.sampleIndices = [];
                    for (let i = 0; i < object.sampleIndices.length; ++i)
                        message.sampleIndices[i] = object.sampleIndices[i] >>> 0;
                }
                if (object.shape) {
                    if (!Array.isArray(object.shape))
                        throw TypeError(".distill.v1.ViewBatchReply.shape: array expected");
                    message.shape = [];
                    for (let i = 0; i < object.shape.length; ++i)
                        message.shape[i] = object.shape[i] >>> 0;
                }
                if (object.data != null)
                    if (typeof object.data === "string")
                        $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                    else if (object.data.length >= 0)
                        message.data = object.data;
                return message;
            };

            /**
             * Creates a plain object from a ViewBatchReply message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.ViewBatchReply
             * @static
             * @param {distill.v1.ViewBatchReply} message ViewBatchReply
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ViewBatchReply.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.sampleIndices = [];
                    object.shape = [];
                }
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.datasetId = "";
                    object.planId = "";
                    object.epoch = 0;
                    object.view = 0;
                    if (options.bytes === String)
                        object.data = "";
                    else {
                        object.data = [];
                        if (options.bytes !== Array)
                            object.data = $util.newBuffer(object.data);
                    }
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.datasetId != null && Object.hasOwnProperty.call(message, "datasetId"))
                    object.datasetId = message.datasetId;
                if (message.planId != null && Object.hasOwnProperty.call(message, "planId"))
                    object.planId = message.planId;
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    object.epoch = message.epoch;
                if (message.view != null && Object.hasOwnProperty.call(message, "view"))
                    object.view = message.view;
                if (message.sampleIndices && message.sampleIndices.length) {
                    object.sampleIndices = [];
                    for (let j = 0; j < message.sampleIndices.length; ++j)
                        object.sampleIndices[j] = message.sampleIndices[j];
                }
                if (message.shape && message.shape.length) {
                    object.shape = [];
                    for (let j = 0; j < message.shape.length; ++j)
                        object.shape[j] = message.shape[j];
                }
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    object.data = options.bytes === String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === Array ? Array.prototype.slice.call(message.data) : message.data;
                return object;
            };

            /**
             * Converts this ViewBatchReply to JSON.
             * @function toJSON
             * @memberof distill.v1.ViewBatchReply
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ViewBatchReply.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ViewBatchReply;
        })();

        /**
         * JobStatus enum.
         * @name distill.v1.JobStatus
         * @enum {number}
         * @property {number} JOB_STATUS_UNSPECIFIED=0 JOB_STATUS_UNSPECIFIED value
         * @property {number} JOB_STATUS_RUNNING=1 JOB_STATUS_RUNNING value
         * @property {number} JOB_STATUS_SUCCEEDED=2 JOB_STATUS_SUCCEEDED value
         * @property {number} JOB_STATUS_FAILED=3 JOB_STATUS_FAILED value
         */
        v1.JobStatus = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "JOB_STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "JOB_STATUS_RUNNING"] = 1;
            values[valuesById[2] = "JOB_STATUS_SUCCEEDED"] = 2;
            values[valuesById[3] = "JOB_STATUS_FAILED"] = 3;
            return values;
        })();

        v1.ProgressEvent = (function() {

            /**
             * Properties of a ProgressEvent.
             * @memberof distill.v1
             * @interface IProgressEvent
             * @property {number|null} [schemaVersion] ProgressEvent schemaVersion
             * @property {string|null} [jobId] ProgressEvent jobId
             * @property {string|null} [stage] ProgressEvent stage
             * @property {number|null} [step] ProgressEvent step
             * @property {number|null} [total] ProgressEvent total
             * @property {number|null} [loss] ProgressEvent loss
             * @property {number|null} [imagesPerSecond] ProgressEvent imagesPerSecond
             * @property {number|null} [etaSeconds] ProgressEvent etaSeconds
             * @property {string|null} [message] ProgressEvent message
             * @property {distill.v1.JobStatus|null} [status] ProgressEvent status
             * @property {number|null} [timestampMs] ProgressEvent timestampMs
             */

            /**
             * Constructs a new ProgressEvent.
             * @memberof distill.v1
             * @classdesc Represents a ProgressEvent.
             * @implements IProgressEvent
             * @constructor
             * @param {distill.v1.IProgressEvent=} [properties] Properties to set
             */
            function ProgressEvent(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ProgressEvent schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.schemaVersion = 0;

            /**
             * ProgressEvent jobId.
             * @member {string} jobId
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.jobId = "";

            /**
             * ProgressEvent stage.
             * @member {string} stage
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.stage = "";

            /**
             * ProgressEvent step.
             * @member {number} step
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.step = 0;

            /**
             * ProgressEvent total.
             * @member {number} total
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.total = 0;

            /**
             * ProgressEvent loss.
             * @member {number|null|undefined} loss
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.loss = null;

            /**
             * ProgressEvent imagesPerSecond.
             * @member {number} imagesPerSecond
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.imagesPerSecond = 0;

            /**
             * ProgressEvent etaSeconds.
             * @member {number} etaSeconds
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.etaSeconds = 0;

            /**
             * ProgressEvent message.
             * @member {string} message
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.message = "";

            /**
             * ProgressEvent status.
             * @member {distill.v1.JobStatus} status
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.status = 0;

            /**
             * ProgressEvent timestampMs.
             * @member {number} timestampMs
             * @memberof distill.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.timestampMs = 0;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            Object.defineProperty(ProgressEvent.prototype, "_loss", {
                get: $util.oneOfGetter($oneOfFields = ["loss"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ProgressEvent instance using the specified properties.
             * @function create
             * @memberof distill.v1.ProgressEvent
             * @static
             * @param {distill.v1.IProgressEvent=} [properties] Properties to set
             * @returns {distill.v1.ProgressEvent} ProgressEvent instance
             */
            ProgressEvent.create = function create(properties) {
                return new ProgressEvent(properties);
            };

            /**
             * Encodes the specified ProgressEvent message. Does not implicitly {@link distill.v1.ProgressEvent.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.ProgressEvent
             * @static
             * @param {distill.v1.IProgressEvent} message ProgressEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ProgressEvent.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.jobId);
                if (message.stage != null && Object.hasOwnProperty.call(message, "stage"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.stage);
                if (message.step != null && Object.hasOwnProperty.call(message, "step"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.step);
                if (message.total != null && Object.hasOwnProperty.call(message, "total"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.total);
                if (message.loss != null && Object.hasOwnProperty.call(message, "loss"))
                    writer.uint32(/* id 6, wireType 1 =*/49).double(message.loss);
                if (message.imagesPerSecond != null && Object.hasOwnProperty.call(message, "imagesPerSecond"))
                    writer.uint32(/* id 7, wireType 1 =*/57).double(message.imagesPerSecond);
                if (message.etaSeconds != null && Object.hasOwnProperty.call(message, "etaSeconds"))
                    writer.uint32(/* id 8, wireType 1 =*/65).double(message.etaSeconds);
                if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.message);
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    writer.uint32(/* id 10, wireType 0 =*/80).int32(message.status);
                if (message.timestampMs != null && Object.hasOwnProperty.call(message, "timestampMs"))
                    writer.uint32(/* id 11, wireType 1 =*/89).double(message.timestampMs);
                return writer;
            };

            /**
             * Decodes a ProgressEvent message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.ProgressEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.ProgressEvent} ProgressEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ProgressEvent.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.ProgressEvent();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.jobId = reader.string();
                            break;
                        }
                    case 3: {
                            message.stage = reader.string();
                            break;
                        }
                    case 4: {
                            message.step = reader.uint32();
                            break;
                        }
                    case 5: {
                            message.total = reader.uint32();
                            break;
                        }
                    case 6: {
                            message.loss = reader.double();
                            break;
                        }
                    case 7: {
                            message.imagesPerSecond = reader.double();
                            break;
                        }
                    case 8: {
                            message.etaSeconds = reader.double();
                            break;
                        }
                    case 9: {
                            message.message = reader.string();
                            break;
                        }
                    case 10: {
                            message.status = reader.int32();
                            break;
                        }
                    case 11: {
                            message.timestampMs = reader.double();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a ProgressEvent message.
             * @function verify
             * @memberof distill.v1.ProgressEvent
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ProgressEvent.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                let properties = {};
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.stage != null && Object.hasOwnProperty.call(message, "stage"))
                    if (!$util.isString(message.stage))
                        return "stage: string expected";
                if (message.step != null && Object.hasOwnProperty.call(message, "step"))
                    if (!$util.isInteger(message.step))
                        return "step: integer expected";
                if (message.total != null && Object.hasOwnProperty.call(message, "total"))
                    if (!$util.isInteger(message.total))
                        return "total: integer expected";
                if (message.loss != null && Object.hasOwnProperty.call(message, "loss")) {
                    properties._loss = 1;
                    if (typeof message.loss !== "number")
                        return "loss: number expected";
                }
                if (message.imagesPerSecond != null && Object.hasOwnProperty.call(message, "imagesPerSecond"))
                    if (typeof message.imagesPerSecond !== "number")
                        return "imagesPerSecond: number expected";
                if (message.etaSeconds != null && Object.hasOwnProperty.call(message, "etaSeconds"))
                    if (typeof message.etaSeconds !== "number")
                        return "etaSeconds: number expected";
                if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    switch (message.status) {
                    default:
                        return "status: enum value expected";
                    case 0:
                    case 1:
                    case 2:
                    case 3:
                        break;
                    }
                if (message.timestampMs != null && Object.hasOwnProperty.call(message, "timestampMs"))
                    if (typeof message.timestampMs !== "number")
                        return "timestampMs: number expected";
                return null;
            };

            /**
             * Creates a ProgressEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.ProgressEvent
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.ProgressEvent} ProgressEvent
             */
            ProgressEvent.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.ProgressEvent)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.ProgressEvent: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.ProgressEvent();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.jobId != null)
                    message.jobId = String(object.jobId);
                if (object.stage != null)
                    message.stage = String(object.stage);
                if (object.step != null)
                    message.step = object.step >>> 0;
                if (object.total != null)
                    message.total = object.total >>> 0;
                if (object.loss != null)
                    message.loss = Number(object.loss);
                if (object.imagesPerSecond != null)
                    message.imagesPerSecond = Number(object.imagesPerSecond);
                if (object.etaSeconds != null)
                    message.etaSeconds = Number(object.etaSeconds);
                if (object.message != null)
                    message.message = String(object.message);
                switch (object.status) {
                default:
                    if (typeof object.status === "number") {
                        message.status = object.status;
                        break;
                    }
                    break;
                case "JOB_STATUS_UNSPECIFIED":
                case 0:
                    message.status = 0;
                    break;
                case "JOB_STATUS_RUNNING":
                case 1:
                    message.status = 1;
                    break;
                case "JOB_STATUS_SUCCEEDED":
                case 2:
                    message.status = 2;
                    break;
                case "JOB_STATUS_FAILED":
                case 3:
                    message.status = 3;
                    break;
                }
                if (object.timestampMs != null)
                    message.timestampMs = Number(object.timestampMs);
                return message;
            };

            /**
             * Creates a plain object from a ProgressEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.ProgressEvent
             * @static
             * @param {distill.v1.ProgressEvent} message ProgressEvent
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ProgressEvent.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.jobId = "";
                    object.stage = "";
                    object.step = 0;
                    object.total = 0;
                    object.imagesPerSecond = 0;
                    object.etaSeconds = 0;
                    object.message = "";
                    object.status = options.enums === String ? "JOB_STATUS_UNSPECIFIED" : 0;
                    object.timestampMs = 0;
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.stage != null && Object.hasOwnProperty.call(message, "stage"))
                    object.stage = message.stage;
                if (message.step != null && Object.hasOwnProperty.call(message, "step"))
                    object.step = message.step;
                if (message.total != null && Object.hasOwnProperty.call(message, "total"))
                    object.total = message.total;
                if (message.loss != null && Object.hasOwnProperty.call(message, "loss")) {
                    object.loss = options.json && !isFinite(message.loss) ? String(message.loss) : message.loss;
                    if (options.oneofs)
                        object._loss = "loss";
                }
                if (message.imagesPerSecond != null && Object.hasOwnProperty.call(message, "imagesPerSecond"))
                    object.imagesPerSecond = options.json && !isFinite(message.imagesPerSecond) ? String(message.imagesPerSecond) : message.imagesPerSecond;
                if (message.etaSeconds != null && Object.hasOwnProperty.call(message, "etaSeconds"))
                    object.etaSeconds = options.json && !isFinite(message.etaSeconds) ? String(message.etaSeconds) : message.etaSeconds;
                if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    object.status = options.enums === String ? $root.distill.v1.JobStatus[message.status] === undefined ? message.status : $root.distill.v1.JobStatus[message.status] : message.status;
                if (message.timestampMs != null && Object.hasOwnProperty.call(message, "timestampMs"))
                    object.timestampMs = options.json && !isFinite(message.timestampMs) ? String(message.timestampMs) : message.timestampMs;
                return object;
            };

            /**
             * Converts this ProgressEvent to JSON.
             * @function toJSON
             * @memberof distill.v1.ProgressEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ProgressEvent.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ProgressEvent;
        })();

        v1.EpochMetrics = (function() {

            /**
             * Properties of an EpochMetrics.
             * @memberof distill.v1
             * @interface IEpochMetrics
             * @property {number|null} [epoch] EpochMetrics epoch
             * @property {Object.<string,number>|null} [metrics] EpochMetrics metrics
             */

            /**
             * Constructs a new EpochMetrics.
             * @memberof distill.v1
             * @classdesc Represents an EpochMetrics.
             * @implements IEpochMetrics
             * @constructor
             * @param {distill.v1.IEpochMetrics=} [properties] Properties to set
             */
            function EpochMetrics(properties) {
                this.metrics = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * EpochMetrics epoch.
             * @member {number} epoch
             * @memberof distill.v1.EpochMetrics
             * @instance
             */
            EpochMetrics.prototype.epoch = 0;

            /**
             * EpochMetrics metrics.
             * @member {Object.<string,number>} metrics
             * @memberof distill.v1.EpochMetrics
             * @instance
             */
            EpochMetrics.prototype.metrics = $util.emptyObject;

            /**
             * Creates a new EpochMetrics instance using the specified properties.
             * @function create
             * @memberof distill.v1.EpochMetrics
             * @static
             * @param {distill.v1.IEpochMetrics=} [properties] Properties to set
             * @returns {distill.v1.EpochMetrics} EpochMetrics instance
             */
            EpochMetrics.create = function create(properties) {
                return new EpochMetrics(properties);
            };

            /**
             * Encodes the specified EpochMetrics message. Does not implicitly {@link distill.v1.EpochMetrics.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.EpochMetrics
             * @static
             * @param {distill.v1.IEpochMetrics} message EpochMetrics message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EpochMetrics.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.epoch);
                if (message.metrics != null && Object.hasOwnProperty.call(message, "metrics"))
                    for (let keys = Object.keys(message.metrics), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 1 =*/17).double(message.metrics[keys[i]]).ldelim();
                return writer;
            };

            /**
             * Decodes an EpochMetrics message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.EpochMetrics
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.EpochMetrics} EpochMetrics
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EpochMetrics.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.EpochMetrics();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.epoch = reader.uint32();
                            break;
                        }
                    case 2: {
                            if (message.metrics === $util.emptyObject)
                                message.metrics = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = 0;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.double();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.metrics, key);
                            message.metrics[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies an EpochMetrics message.
             * @function verify
             * @memberof distill.v1.EpochMetrics
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EpochMetrics.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    if (!$util.isInteger(message.epoch))
                        return "epoch: integer expected";
                if (message.metrics != null && Object.hasOwnProperty.call(message, "metrics")) {
                    if (!$util.isObject(message.metrics))
                        return "metrics: object expected";
                    let key = Object.keys(message.metrics);
                    for (let i = 0; i < key.length; ++i)
                        if (typeof message.metrics[key[i]] !== "number")
                            return "metrics: number{k:string} expected";
                }
                return null;
            };

            /**
             * Creates an EpochMetrics message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.EpochMetrics
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.EpochMetrics} EpochMetrics
             */
            EpochMetrics.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.EpochMetrics)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.EpochMetrics: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.EpochMetrics();
                if (object.epoch != null)
                    message.epoch = object.epoch >>> 0;
                if (object.metrics) {
                    if (!$util.isObject(object.metrics))
                        throw TypeError(".distill.v1.EpochMetrics.metrics: object expected");
                    message.metrics = {};
                    for (let keys = Object.keys(object.metrics), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.metrics, keys[i]);
                        message.metrics[keys[i]] = Number(object.metrics[keys[i]]);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from an EpochMetrics message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.EpochMetrics
             * @static
             * @param {distill.v1.EpochMetrics} message EpochMetrics
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EpochMetrics.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.metrics = {};
                if (options.defaults)
                    object.epoch = 0;
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    object.epoch = message.epoch;
                let keys2;
                if (message.metrics && (keys2 = Object.keys(message.metrics)).length) {
                    object.metrics = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.metrics, keys2[j]);
                        object.metrics[keys2[j]] = options.json && !isFinite(message.metrics[keys2[j]]) ? String(message.metrics[keys2[j]]) : message.metrics[keys2[j]];
                    }
                }
                return object;
            };

            /**
             * Converts this EpochMetrics to JSON.
             * @function toJSON
             * @memberof distill.v1.EpochMetrics
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EpochMetrics.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return EpochMetrics;
        })();

        v1.Report = (function() {

            /**
             * Properties of a Report.
             * @memberof distill.v1
             * @interface IReport
             * @property {number|null} [schemaVersion] Report schemaVersion
             * @property {string|null} [runId] Report runId
             * @property {string|null} [jobId] Report jobId
             * @property {Object.<string,number>|null} [metrics] Report metrics
             * @property {Array.<distill.v1.IEpochMetrics>|null} [history] Report history
             * @property {number|null} [createdAtMs] Report createdAtMs
             */

            /**
             * Constructs a new Report.
             * @memberof distill.v1
             * @classdesc Represents a Report.
             * @implements IReport
             * @constructor
             * @param {distill.v1.IReport=} [properties] Properties to set
             */
            function Report(properties) {
                this.metrics = {};
                this.history = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Report schemaVersion.
             * @member {number} schemaVersion
             * @memberof distill.v1.Report
             * @instance
             */
            Report.prototype.schemaVersion = 0;

            /**
             * Report runId.
             * @member {string} runId
             * @memberof distill.v1.Report
             * @instance
             */
            Report.prototype.runId = "";

            /**
             * Report jobId.
             * @member {string} jobId
             * @memberof distill.v1.Report
             * @instance
             */
            Report.prototype.jobId = "";

            /**
             * Report metrics.
             * @member {Object.<string,number>} metrics
             * @memberof distill.v1.Report
             * @instance
             */
            Report.prototype.metrics = $util.emptyObject;

            /**
             * Report history.
             * @member {Array.<distill.v1.IEpochMetrics>} history
             * @memberof distill.v1.Report
             * @instance
             */
            Report.prototype.history = $util.emptyArray;

            /**
             * Report createdAtMs.
             * @member {number} createdAtMs
             * @memberof distill.v1.Report
             * @instance
             */
            Report.prototype.createdAtMs = 0;

            /**
             * Creates a new Report instance using the specified properties.
             * @function create
             * @memberof distill.v1.Report
             * @static
             * @param {distill.v1.IReport=} [properties] Properties to set
             * @returns {distill.v1.Report} Report instance
             */
            Report.create = function create(properties) {
                return new Report(properties);
            };

            /**
             * Encodes the specified Report message. Does not implicitly {@link distill.v1.Report.verify|verify} messages.
             * @function encode
             * @memberof distill.v1.Report
             * @static
             * @param {distill.v1.IReport} message Report message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Report.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.schemaVersion);
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.runId);
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.jobId);
                if (message.metrics != null && Object.hasOwnProperty.call(message, "metrics"))
                    for (let keys = Object.keys(message.metrics), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 1 =*/17).double(message.metrics[keys[i]]).ldelim();
                if (message.history != null && message.history.length)
                    for (let i = 0; i < message.history.length; ++i)
                        $root.distill.v1.EpochMetrics.encode(message.history[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (message.createdAtMs != null && Object.hasOwnProperty.call(message, "createdAtMs"))
                    writer.uint32(/* id 6, wireType 1 =*/49).double(message.createdAtMs);
                return writer;
            };

            /**
             * Decodes a Report message from the specified reader or buffer.
             * @function decode
             * @memberof distill.v1.Report
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {distill.v1.Report} Report
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Report.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.distill.v1.Report();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.schemaVersion = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.runId = reader.string();
                            break;
                        }
                    case 3: {
                            message.jobId = reader.string();
                            break;
                        }
                    case 4: {
                            if (message.metrics === $util.emptyObject)
                                message.metrics = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = 0;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.double();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.metrics, key);
                            message.metrics[key] = value;
                            break;
                        }
                    case 5: {
                            if (!(message.history && message.history.length))
                                message.history = [];
                            message.history.push($root.distill.v1.EpochMetrics.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 6: {
                            message.createdAtMs = reader.double();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Verifies a Report message.
             * @function verify
             * @memberof distill.v1.Report
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Report.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    if (!$util.isInteger(message.schemaVersion))
                        return "schemaVersion: integer expected";
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    if (!$util.isString(message.runId))
                        return "runId: string expected";
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.metrics != null && Object.hasOwnProperty.call(message, "metrics")) {
                    if (!$util.isObject(message.metrics))
                        return "metrics: object expected";
                    let key = Object.keys(message.metrics);
                    for (let i = 0; i < key.length; ++i)
                        if (typeof message.metrics[key[i]] !== "number")
                            return "metrics: number{k:string} expected";
                }
                if (message.history != null && Object.hasOwnProperty.call(message, "history")) {
                    if (!Array.isArray(message.history))
                        return "history: array expected";
                    for (let i = 0; i < message.history.length; ++i) {
                        let error = $root.distill.v1.EpochMetrics.verify(message.history[i], long + 1);
                        if (error)
                            return "history." + error;
                    }
                }
                if (message.createdAtMs != null && Object.hasOwnProperty.call(message, "createdAtMs"))
                    if (typeof message.createdAtMs !== "number")
                        return "createdAtMs: number expected";
                return null;
            };

            /**
             * Creates a Report message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof distill.v1.Report
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {distill.v1.Report} Report
             */
            Report.fromObject = function fromObject(object, long) {
                if (object instanceof $root.distill.v1.Report)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".distill.v1.Report: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.distill.v1.Report();
                if (object.schemaVersion != null)
                    message.schemaVersion = object.schemaVersion >>> 0;
                if (object.runId != null)
                    message.runId = String(object.runId);
                if (object.jobId != null)
                    message.jobId = String(object.jobId);
                if (object.metrics) {
                    if (!$util.isObject(object.metrics))
                        throw TypeError(".distill.v1.Report.metrics: object expected");
                    message.metrics = {};
                    for (let keys = Object.keys(object.metrics), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.metrics, keys[i]);
                        message.metrics[keys[i]] = Number(object.metrics[keys[i]]);
                    }
                }
                if (object.history) {
                    if (!Array.isArray(object.history))
                        throw TypeError(".distill.v1.Report.history: array expected");
                    message.history = [];
                    for (let i = 0; i < object.history.length; ++i) {
                        if (!$util.isObject(object.history[i]))
                            throw TypeError(".distill.v1.Report.history: object expected");
                        message.history[i] = $root.distill.v1.EpochMetrics.fromObject(object.history[i], long + 1);
                    }
                }
                if (object.createdAtMs != null)
                    message.createdAtMs = Number(object.createdAtMs);
                return message;
            };

            /**
             * Creates a plain object from a Report message. Also converts values to other types if specified.
             * @function toObject
             * @memberof distill.v1.Report
             * @static
             * @param {distill.v1.Report} message Report
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Report.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.history = [];
                if (options.objects || options.defaults)
                    object.metrics = {};
                if (options.defaults) {
                    object.schemaVersion = 0;
                    object.runId = "";
                    object.jobId = "";
                    object.createdAtMs = 0;
                }
                if (message.schemaVersion != null && Object.hasOwnProperty.call(message, "schemaVersion"))
                    object.schemaVersion = message.schemaVersion;
                if (message.runId != null && Object.hasOwnProperty.call(message, "runId"))
                    object.runId = message.runId;
                if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                let keys2;
                if (message.metrics && (keys2 = Object.keys(message.metrics)).length) {
                    object.metrics = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.metrics, keys2[j]);
                        object.metrics[keys2[j]] = options.json && !isFinite(message.metrics[keys2[j]]) ? String(message.metrics[keys2[j]]) : message.metrics[keys2[j]];
                    }
                }
                if (message.history && message.history.length) {
                    object.history = [];
                    for (let j = 0; j < message.history.length; ++j)
                        object.history[j] = $root.distill.v1.EpochMetrics.toObject(message.history[j], options, q + 1);
                }
                if (message.createdAtMs != null && Object.hasOwnProperty.call(message, "createdAtMs"))
                    object.createdAtMs = options.json && !isFinite(message.createdAtMs) ? String(message.createdAtMs) : message.createdAtMs;
                return object;
            };

            /**
             * Converts this Report to JSON.
             * @function toJSON
             * @memberof distill.v1.Report
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Report.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Report;
        })();

        return v1;
    })();

    return distill;
})();

export { $root as default };
