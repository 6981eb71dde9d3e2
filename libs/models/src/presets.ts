import type { MlpSpec } from './mlp.js';
import type { MobileNetSpec } from './mobilenet.js';
import type { ResNetSpec } from './resnet.js';

type ImageShape = [number, number, number];

const CIFAR_SHAPE: ImageShape = [32, 32, 3];
const FMNIST_SHAPE: ImageShape = [28, 28, 1];
const RESNET_WIDTHS = [64, 128, 256, 512];

/** ResNet-18 with the CIFAR-style small stem (11.17M parameters without a classifier). */
export function resnet18(inputShape: ImageShape = CIFAR_SHAPE): ResNetSpec {
  return { kind: 'resnet', name: 'resnet18', inputShape, stem: 'small', widths: RESNET_WIDTHS, blocksPerStage: [2, 2, 2, 2] };
}

/** ResNet-34 with the CIFAR-style small stem. */
export function resnet34(inputShape: ImageShape = CIFAR_SHAPE): ResNetSpec {
  return { kind: 'resnet', name: 'resnet34', inputShape, stem: 'small', widths: RESNET_WIDTHS, blocksPerStage: [3, 4, 6, 3] };
}

/** The Fashion-MNIST teacher: widths 32/64/128, 2 basic blocks a stage. */
export function fmnistTeacher(inputShape: ImageShape = FMNIST_SHAPE): ResNetSpec {
  return { kind: 'resnet', name: 'fmnistTeacher', inputShape, stem: 'small', widths: [32, 64, 128], blocksPerStage: 2 };
}

/** The Fashion-MNIST student: widths 16/32/64, 1 basic block a stage. */
export function fmnistStudent(inputShape: ImageShape = FMNIST_SHAPE): ResNetSpec {
  return { kind: 'resnet', name: 'fmnistStudent', inputShape, stem: 'small', widths: [16, 32, 64], blocksPerStage: 1 };
}

/** A MobileNetV2-style student with SE gates, sized like fmnistStudent. */
export function mobilenetStudent(inputShape: ImageShape = FMNIST_SHAPE): MobileNetSpec {
  return {
    kind: 'mobilenet',
    name: 'mobilenetStudent',
    inputShape,
    stem: 'small',
    stemWidth: 16,
    stages: [
      { width: 16, blocks: 1, stride: 1 },
      { width: 32, blocks: 2, stride: 2 },
      { width: 64, blocks: 2, stride: 2 },
    ],
    invertedResidual: true,
    expansion: 4,
    squeezeExcite: true,
  };
}

/** The triplet-KD deck's teacher, 784-1200-1200-10 (the embedding is the 10-d output). */
export function mlpTeacher(inputShape: number[] = FMNIST_SHAPE): MlpSpec {
  return { kind: 'mlp', name: 'mlpTeacher', inputShape, hidden: [1200, 1200], activation: 'relu', outDim: 10 };
}

/** The triplet-KD deck's student, 784-400-10. */
export function mlpStudent(inputShape: number[] = FMNIST_SHAPE): MlpSpec {
  return { kind: 'mlp', name: 'mlpStudent', inputShape, hidden: [400], activation: 'relu', outDim: 10 };
}

export const PRESETS = { resnet18, resnet34, fmnistTeacher, fmnistStudent, mobilenetStudent, mlpTeacher, mlpStudent } as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
