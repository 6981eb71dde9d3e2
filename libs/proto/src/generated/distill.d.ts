import * as $protobuf from "protobufjs";
import Long = require("long");
export namespace distill {

    namespace v1 {

        interface IRngState {
            algorithm?: (string|null);
            state?: (number[]|null);
        }

        class RngState implements IRngState {
            constructor(properties?: distill.v1.IRngState);
            public algorithm: string;
            public state: number[];
            public static create(properties?: distill.v1.IRngState): distill.v1.RngState;
            public static encode(message: distill.v1.IRngState, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.RngState;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.RngState;
            public static toObject(message: distill.v1.RngState, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface ICheckpoint {
            schemaVersion?: (number|null);
            runId?: (string|null);
            step?: (number|null);
            epoch?: (number|null);
            modelKeys?: ({ [k: string]: string }|null);
            optimizerStateKey?: (string|null);
            rngState?: (distill.v1.IRngState|null);
            createdAtMs?: (number|null);
        }

        class Checkpoint implements ICheckpoint {
            constructor(properties?: distill.v1.ICheckpoint);
            public schemaVersion: number;
            public runId: string;
            public step: number;
            public epoch: number;
            public modelKeys: { [k: string]: string };
            public optimizerStateKey: string;
            public rngState?: (distill.v1.IRngState|null);
            public createdAtMs: number;
            public static create(properties?: distill.v1.ICheckpoint): distill.v1.Checkpoint;
            public static encode(message: distill.v1.ICheckpoint, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.Checkpoint;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.Checkpoint;
            public static toObject(message: distill.v1.Checkpoint, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IDatasetShardRef {
            index?: (number|null);
            key?: (string|null);
            count?: (number|null);
            sha256?: (string|null);
            firstSample?: (number|null);
        }

        class DatasetShardRef implements IDatasetShardRef {
            constructor(properties?: distill.v1.IDatasetShardRef);
            public index: number;
            public key: string;
            public count: number;
            public sha256: string;
            public firstSample: number;
            public static create(properties?: distill.v1.IDatasetShardRef): distill.v1.DatasetShardRef;
            public static encode(message: distill.v1.IDatasetShardRef, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.DatasetShardRef;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.DatasetShardRef;
            public static toObject(message: distill.v1.DatasetShardRef, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IDatasetManifest {
            schemaVersion?: (number|null);
            datasetId?: (string|null);
            source?: (string|null);
            count?: (number|null);
            height?: (number|null);
            width?: (number|null);
            channels?: (number|null);
            classNames?: (string[]|null);
            shards?: (distill.v1.IDatasetShardRef[]|null);
        }

        class DatasetManifest implements IDatasetManifest {
            constructor(properties?: distill.v1.IDatasetManifest);
            public schemaVersion: number;
            public datasetId: string;
            public source: string;
            public count: number;
            public height: number;
            public width: number;
            public channels: number;
            public classNames: string[];
            public shards: distill.v1.IDatasetShardRef[];
            public static create(properties?: distill.v1.IDatasetManifest): distill.v1.DatasetManifest;
            public static encode(message: distill.v1.IDatasetManifest, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.DatasetManifest;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.DatasetManifest;
            public static toObject(message: distill.v1.DatasetManifest, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IDatasetShard {
            schemaVersion?: (number|null);
            datasetId?: (string|null);
            index?: (number|null);
            firstSample?: (number|null);
            count?: (number|null);
            height?: (number|null);
            width?: (number|null);
            channels?: (number|null);
            images?: (Uint8Array|null);
            labels?: (number[]|null);
        }

        class DatasetShard implements IDatasetShard {
            constructor(properties?: distill.v1.IDatasetShard);
            public schemaVersion: number;
            public datasetId: string;
            public index: number;
            public firstSample: number;
            public count: number;
            public height: number;
            public width: number;
            public channels: number;
            public images: Uint8Array;
            public labels: number[];
            public static create(properties?: distill.v1.IDatasetShard): distill.v1.DatasetShard;
            public static encode(message: distill.v1.IDatasetShard, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.DatasetShard;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.DatasetShard;
            public static toObject(message: distill.v1.DatasetShard, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        enum ErrorCode {
            ERROR_CODE_UNSPECIFIED = 0,
            ERROR_CODE_INVALID_ARGUMENT = 1,
            ERROR_CODE_NOT_FOUND = 2,
            ERROR_CODE_CORRUPT_DATA = 3,
            ERROR_CODE_UNAVAILABLE = 4,
            ERROR_CODE_INTERNAL = 5
        }

        interface IErrorInfo {
            schemaVersion?: (number|null);
            code?: (distill.v1.ErrorCode|null);
            message?: (string|null);
            jobId?: (string|null);
        }

        class ErrorInfo implements IErrorInfo {
            constructor(properties?: distill.v1.IErrorInfo);
            public schemaVersion: number;
            public code: distill.v1.ErrorCode;
            public message: string;
            public jobId: string;
            public static create(properties?: distill.v1.IErrorInfo): distill.v1.ErrorInfo;
            public static encode(message: distill.v1.IErrorInfo, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.ErrorInfo;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.ErrorInfo;
            public static toObject(message: distill.v1.ErrorInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IFeatureShard {
            schemaVersion?: (number|null);
            teacherId?: (string|null);
            datasetId?: (string|null);
            planId?: (string|null);
            epoch?: (number|null);
            view?: (number|null);
            index?: (number|null);
            sampleIndices?: (number[]|null);
            embeddingDim?: (number|null);
            embeddings?: (Uint8Array|null);
            logitsDim?: (number|null);
            logits?: (Uint8Array|null);
        }

        class FeatureShard implements IFeatureShard {
            constructor(properties?: distill.v1.IFeatureShard);
            public schemaVersion: number;
            public teacherId: string;
            public datasetId: string;
            public planId: string;
            public epoch: number;
            public view: number;
            public index: number;
            public sampleIndices: number[];
            public embeddingDim: number;
            public embeddings: Uint8Array;
            public logitsDim: number;
            public logits: Uint8Array;
            public static create(properties?: distill.v1.IFeatureShard): distill.v1.FeatureShard;
            public static encode(message: distill.v1.IFeatureShard, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.FeatureShard;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.FeatureShard;
            public static toObject(message: distill.v1.FeatureShard, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IFeatureShardRef {
            epoch?: (number|null);
            view?: (number|null);
            index?: (number|null);
            key?: (string|null);
            count?: (number|null);
            sha256?: (string|null);
        }

        class FeatureShardRef implements IFeatureShardRef {
            constructor(properties?: distill.v1.IFeatureShardRef);
            public epoch: number;
            public view: number;
            public index: number;
            public key: string;
            public count: number;
            public sha256: string;
            public static create(properties?: distill.v1.IFeatureShardRef): distill.v1.FeatureShardRef;
            public static encode(message: distill.v1.IFeatureShardRef, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.FeatureShardRef;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.FeatureShardRef;
            public static toObject(message: distill.v1.FeatureShardRef, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IFeatureManifest {
            schemaVersion?: (number|null);
            teacherId?: (string|null);
            datasetId?: (string|null);
            planId?: (string|null);
            embeddingDim?: (number|null);
            logitsDim?: (number|null);
            sampleCount?: (number|null);
            shards?: (distill.v1.IFeatureShardRef[]|null);
            embeddingMean?: (number[]|null);
        }

        class FeatureManifest implements IFeatureManifest {
            constructor(properties?: distill.v1.IFeatureManifest);
            public schemaVersion: number;
            public teacherId: string;
            public datasetId: string;
            public planId: string;
            public embeddingDim: number;
            public logitsDim: number;
            public sampleCount: number;
            public shards: distill.v1.IFeatureShardRef[];
            public embeddingMean: number[];
            public static create(properties?: distill.v1.IFeatureManifest): distill.v1.FeatureManifest;
            public static encode(message: distill.v1.IFeatureManifest, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.FeatureManifest;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.FeatureManifest;
            public static toObject(message: distill.v1.FeatureManifest, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IJobAttempt {
            number?: (number|null);
            submittedAtMs?: (number|null);
            previousError?: (string|null);
        }

        class JobAttempt implements IJobAttempt {
            constructor(properties?: distill.v1.IJobAttempt);
            public number: number;
            public submittedAtMs: number;
            public previousError: string;
            public static create(properties?: distill.v1.IJobAttempt): distill.v1.JobAttempt;
            public static encode(message: distill.v1.IJobAttempt, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.JobAttempt;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.JobAttempt;
            public static toObject(message: distill.v1.JobAttempt, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IImportJob {
            schemaVersion?: (number|null);
            jobId?: (string|null);
            attempt?: (distill.v1.IJobAttempt|null);
            format?: (string|null);
            sourceUri?: (string|null);
            split?: (string|null);
            shardSize?: (number|null);
            limit?: (number|null);
            configJson?: (string|null);
        }

        class ImportJob implements IImportJob {
            constructor(properties?: distill.v1.IImportJob);
            public schemaVersion: number;
            public jobId: string;
            public attempt?: (distill.v1.IJobAttempt|null);
            public format: string;
            public sourceUri: string;
            public split: string;
            public shardSize: number;
            public limit: number;
            public configJson: string;
            public static create(properties?: distill.v1.IImportJob): distill.v1.ImportJob;
            public static encode(message: distill.v1.IImportJob, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.ImportJob;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.ImportJob;
            public static toObject(message: distill.v1.ImportJob, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IPretrainJob {
            schemaVersion?: (number|null);
            jobId?: (string|null);
            attempt?: (distill.v1.IJobAttempt|null);
            datasetId?: (string|null);
            method?: (string|null);
            backbone?: (string|null);
            augmentPreset?: (string|null);
            epochs?: (number|null);
            batchSize?: (number|null);
            seed?: (number|null);
            configJson?: (string|null);
        }

        class PretrainJob implements IPretrainJob {
            constructor(properties?: distill.v1.IPretrainJob);
            public schemaVersion: number;
            public jobId: string;
            public attempt?: (distill.v1.IJobAttempt|null);
            public datasetId: string;
            public method: string;
            public backbone: string;
            public augmentPreset: string;
            public epochs: number;
            public batchSize: number;
            public seed: number;
            public configJson: string;
            public static create(properties?: distill.v1.IPretrainJob): distill.v1.PretrainJob;
            public static encode(message: distill.v1.IPretrainJob, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.PretrainJob;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.PretrainJob;
            public static toObject(message: distill.v1.PretrainJob, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IExtractJob {
            schemaVersion?: (number|null);
            jobId?: (string|null);
            attempt?: (distill.v1.IJobAttempt|null);
            teacherId?: (string|null);
            datasetId?: (string|null);
            plan?: (distill.v1.IViewPlan|null);
            batchSize?: (number|null);
            shardSize?: (number|null);
            withLogits?: (boolean|null);
        }

        class ExtractJob implements IExtractJob {
            constructor(properties?: distill.v1.IExtractJob);
            public schemaVersion: number;
            public jobId: string;
            public attempt?: (distill.v1.IJobAttempt|null);
            public teacherId: string;
            public datasetId: string;
            public plan?: (distill.v1.IViewPlan|null);
            public batchSize: number;
            public shardSize: number;
            public withLogits: boolean;
            public static create(properties?: distill.v1.IExtractJob): distill.v1.ExtractJob;
            public static encode(message: distill.v1.IExtractJob, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.ExtractJob;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.ExtractJob;
            public static toObject(message: distill.v1.ExtractJob, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface ITrainJob {
            schemaVersion?: (number|null);
            jobId?: (string|null);
            attempt?: (distill.v1.IJobAttempt|null);
            runId?: (string|null);
            teacherId?: (string|null);
            datasetId?: (string|null);
            planId?: (string|null);
            method?: (string|null);
            student?: (string|null);
            epochs?: (number|null);
            batchSize?: (number|null);
            seed?: (number|null);
            checkpointEverySteps?: (number|null);
            configJson?: (string|null);
        }

        class TrainJob implements ITrainJob {
            constructor(properties?: distill.v1.ITrainJob);
            public schemaVersion: number;
            public jobId: string;
            public attempt?: (distill.v1.IJobAttempt|null);
            public runId: string;
            public teacherId: string;
            public datasetId: string;
            public planId: string;
            public method: string;
            public student: string;
            public epochs: number;
            public batchSize: number;
            public seed: number;
            public checkpointEverySteps: number;
            public configJson: string;
            public static create(properties?: distill.v1.ITrainJob): distill.v1.TrainJob;
            public static encode(message: distill.v1.ITrainJob, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.TrainJob;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.TrainJob;
            public static toObject(message: distill.v1.TrainJob, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IEvalJob {
            schemaVersion?: (number|null);
            jobId?: (string|null);
            attempt?: (distill.v1.IJobAttempt|null);
            runId?: (string|null);
            teacherId?: (string|null);
            trainDatasetId?: (string|null);
            testDatasetId?: (string|null);
            probes?: (string[]|null);
            configJson?: (string|null);
        }

        class EvalJob implements IEvalJob {
            constructor(properties?: distill.v1.IEvalJob);
            public schemaVersion: number;
            public jobId: string;
            public attempt?: (distill.v1.IJobAttempt|null);
            public runId: string;
            public teacherId: string;
            public trainDatasetId: string;
            public testDatasetId: string;
            public probes: string[];
            public configJson: string;
            public static create(properties?: distill.v1.IEvalJob): distill.v1.EvalJob;
            public static encode(message: distill.v1.IEvalJob, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.EvalJob;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.EvalJob;
            public static toObject(message: distill.v1.EvalJob, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IJobResult {
            schemaVersion?: (number|null);
            jobId?: (string|null);
            kind?: (string|null);
            status?: (distill.v1.JobStatus|null);
            resultJson?: (string|null);
            error?: (string|null);
            worker?: (string|null);
            attempt?: (number|null);
            delivery?: (number|null);
            seconds?: (number|null);
            timestampMs?: (number|null);
        }

        class JobResult implements IJobResult {
            constructor(properties?: distill.v1.IJobResult);
            public schemaVersion: number;
            public jobId: string;
            public kind: string;
            public status: distill.v1.JobStatus;
            public resultJson: string;
            public error: string;
            public worker: string;
            public attempt: number;
            public delivery: number;
            public seconds: number;
            public timestampMs: number;
            public static create(properties?: distill.v1.IJobResult): distill.v1.JobResult;
            public static encode(message: distill.v1.IJobResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.JobResult;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.JobResult;
            public static toObject(message: distill.v1.JobResult, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IWorkerStatus {
            schemaVersion?: (number|null);
            worker?: (string|null);
            kinds?: (string[]|null);
            ready?: (boolean|null);
            problem?: (string|null);
            jobIds?: (string[]|null);
            concurrency?: (number|null);
            timestampMs?: (number|null);
        }

        class WorkerStatus implements IWorkerStatus {
            constructor(properties?: distill.v1.IWorkerStatus);
            public schemaVersion: number;
            public worker: string;
            public kinds: string[];
            public ready: boolean;
            public problem: string;
            public jobIds: string[];
            public concurrency: number;
            public timestampMs: number;
            public static create(properties?: distill.v1.IWorkerStatus): distill.v1.WorkerStatus;
            public static encode(message: distill.v1.IWorkerStatus, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.WorkerStatus;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.WorkerStatus;
            public static toObject(message: distill.v1.WorkerStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IViewPlan {
            schemaVersion?: (number|null);
            planId?: (string|null);
            fixed?: (distill.v1.IFixedViews|null);
            replay?: (distill.v1.IReplayViews|null);
        }

        class ViewPlan implements IViewPlan {
            constructor(properties?: distill.v1.IViewPlan);
            public schemaVersion: number;
            public planId: string;
            public fixed?: (distill.v1.IFixedViews|null);
            public replay?: (distill.v1.IReplayViews|null);
            public kind?: ("fixed"|"replay");
            public static create(properties?: distill.v1.IViewPlan): distill.v1.ViewPlan;
            public static encode(message: distill.v1.IViewPlan, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.ViewPlan;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.ViewPlan;
            public static toObject(message: distill.v1.ViewPlan, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IFixedViews {
        }

        class FixedViews implements IFixedViews {
            constructor(properties?: distill.v1.IFixedViews);
            public static create(properties?: distill.v1.IFixedViews): distill.v1.FixedViews;
            public static encode(message: distill.v1.IFixedViews, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.FixedViews;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.FixedViews;
            public static toObject(message: distill.v1.FixedViews, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IReplayViews {
            epochs?: (number|null);
            preset?: (string|null);
            planSeed?: (number|null);
            viewsPerEpoch?: (number|null);
        }

        class ReplayViews implements IReplayViews {
            constructor(properties?: distill.v1.IReplayViews);
            public epochs: number;
            public preset: string;
            public planSeed: number;
            public viewsPerEpoch: number;
            public static create(properties?: distill.v1.IReplayViews): distill.v1.ReplayViews;
            public static encode(message: distill.v1.IReplayViews, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.ReplayViews;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.ReplayViews;
            public static toObject(message: distill.v1.ReplayViews, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface ISampleRange {
            start?: (number|null);
            count?: (number|null);
        }

        class SampleRange implements ISampleRange {
            constructor(properties?: distill.v1.ISampleRange);
            public start: number;
            public count: number;
            public static create(properties?: distill.v1.ISampleRange): distill.v1.SampleRange;
            public static encode(message: distill.v1.ISampleRange, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.SampleRange;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.SampleRange;
            public static toObject(message: distill.v1.SampleRange, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface ISampleIndices {
            indices?: (number[]|null);
        }

        class SampleIndices implements ISampleIndices {
            constructor(properties?: distill.v1.ISampleIndices);
            public indices: number[];
            public static create(properties?: distill.v1.ISampleIndices): distill.v1.SampleIndices;
            public static encode(message: distill.v1.ISampleIndices, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.SampleIndices;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.SampleIndices;
            public static toObject(message: distill.v1.SampleIndices, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IViewBatchRequest {
            schemaVersion?: (number|null);
            datasetId?: (string|null);
            plan?: (distill.v1.IViewPlan|null);
            range?: (distill.v1.ISampleRange|null);
            indices?: (distill.v1.ISampleIndices|null);
            epoch?: (number|null);
            view?: (number|null);
        }

        class ViewBatchRequest implements IViewBatchRequest {
            constructor(properties?: distill.v1.IViewBatchRequest);
            public schemaVersion: number;
            public datasetId: string;
            public plan?: (distill.v1.IViewPlan|null);
            public range?: (distill.v1.ISampleRange|null);
            public indices?: (distill.v1.ISampleIndices|null);
            public epoch: number;
            public view: number;
            public samples?: ("range"|"indices");
            public static create(properties?: distill.v1.IViewBatchRequest): distill.v1.ViewBatchRequest;
            public static encode(message: distill.v1.IViewBatchRequest, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.ViewBatchRequest;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.ViewBatchRequest;
            public static toObject(message: distill.v1.ViewBatchRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IViewBatchReply {
            schemaVersion?: (number|null);
            datasetId?: (string|null);
            planId?: (string|null);
            epoch?: (number|null);
            view?: (number|null);
            sampleIndices?: (number[]|null);
            shape?: (number[]|null);
            data?: (Uint8Array|null);
        }

        class ViewBatchReply implements IViewBatchReply {
            constructor(properties?: distill.v1.IViewBatchReply);
            public schemaVersion: number;
            public datasetId: string;
            public planId: string;
            public epoch: number;
            public view: number;
            public sampleIndices: number[];
            public shape: number[];
            public data: Uint8Array;
            public static create(properties?: distill.v1.IViewBatchReply): distill.v1.ViewBatchReply;
            public static encode(message: distill.v1.IViewBatchReply, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.ViewBatchReply;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.ViewBatchReply;
            public static toObject(message: distill.v1.ViewBatchReply, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        enum JobStatus {
            JOB_STATUS_UNSPECIFIED = 0,
            JOB_STATUS_RUNNING = 1,
            JOB_STATUS_SUCCEEDED = 2,
            JOB_STATUS_FAILED = 3
        }

        interface IProgressEvent {
            schemaVersion?: (number|null);
            jobId?: (string|null);
            stage?: (string|null);
            step?: (number|null);
            total?: (number|null);
            loss?: (number|null);
            imagesPerSecond?: (number|null);
            etaSeconds?: (number|null);
            message?: (string|null);
            status?: (distill.v1.JobStatus|null);
            timestampMs?: (number|null);
        }

        class ProgressEvent implements IProgressEvent {
            constructor(properties?: distill.v1.IProgressEvent);
            public schemaVersion: number;
            public jobId: string;
            public stage: string;
            public step: number;
            public total: number;
            public loss?: (number|null);
            public imagesPerSecond: number;
            public etaSeconds: number;
            public message: string;
            public status: distill.v1.JobStatus;
            public timestampMs: number;
            public static create(properties?: distill.v1.IProgressEvent): distill.v1.ProgressEvent;
            public static encode(message: distill.v1.IProgressEvent, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.ProgressEvent;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.ProgressEvent;
            public static toObject(message: distill.v1.ProgressEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IEpochMetrics {
            epoch?: (number|null);
            metrics?: ({ [k: string]: number }|null);
        }

        class EpochMetrics implements IEpochMetrics {
            constructor(properties?: distill.v1.IEpochMetrics);
            public epoch: number;
            public metrics: { [k: string]: number };
            public static create(properties?: distill.v1.IEpochMetrics): distill.v1.EpochMetrics;
            public static encode(message: distill.v1.IEpochMetrics, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.EpochMetrics;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.EpochMetrics;
            public static toObject(message: distill.v1.EpochMetrics, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }

        interface IReport {
            schemaVersion?: (number|null);
            runId?: (string|null);
            jobId?: (string|null);
            metrics?: ({ [k: string]: number }|null);
            history?: (distill.v1.IEpochMetrics[]|null);
            createdAtMs?: (number|null);
        }

        class Report implements IReport {
            constructor(properties?: distill.v1.IReport);
            public schemaVersion: number;
            public runId: string;
            public jobId: string;
            public metrics: { [k: string]: number };
            public history: distill.v1.IEpochMetrics[];
            public createdAtMs: number;
            public static create(properties?: distill.v1.IReport): distill.v1.Report;
            public static encode(message: distill.v1.IReport, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): distill.v1.Report;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): distill.v1.Report;
            public static toObject(message: distill.v1.Report, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
        }
    }
}
