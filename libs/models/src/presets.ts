import type { MbConvRow, MbConvSpec } from './mbconv.js';
import type { MlpSpec } from './mlp.js';
import type { MobileNetSpec } from './mobilenet.js';
import type { ResNetSpec } from './resnet.js';

type ImageShape = [number, number, number];

const CIFAR_SHAPE: ImageShape = [32, 32, 3];
const FMNIST_SHAPE: ImageShape = [28, 28, 1];
const IMAGENET_SHAPE: ImageShape = [224, 224, 3];
const RESNET_WIDTHS = [64, 128, 256, 512];

/** ResNet-18 with the CIFAR-style small stem (11.17M parameters without a classifier). */
export function resnet18(inputShape: ImageShape = CIFAR_SHAPE): ResNetSpec {
  return { kind: 'resnet', name: 'resnet18', inputShape, stem: 'small', widths: RESNET_WIDTHS, blocksPerStage: [2, 2, 2, 2] };
}

/** ResNet-34 with the CIFAR-style small stem. */
export function resnet34(inputShape: ImageShape = CIFAR_SHAPE): ResNetSpec {
  return { kind: 'resnet', name: 'resnet34', inputShape, stem: 'small', widths: RESNET_WIDTHS, blocksPerStage: [3, 4, 6, 3] };
}

// The ImageNet layouts below have torchvision's parameter counts (without the final 1000-way
// Linear): backbone.spec.ts checks them against numbers taken from torchvision.

/** ResNet-18 with the ImageNet stem (7x7/2 conv, 3x3/2 max-pool): torchvision's resnet18. */
export function resnet18ImageNet(inputShape: ImageShape = IMAGENET_SHAPE): ResNetSpec {
  return { ...resnet18(inputShape), name: 'resnet18ImageNet', stem: 'imagenet' };
}

/** ResNet-34 with the ImageNet stem: torchvision's resnet34. */
export function resnet34ImageNet(inputShape: ImageShape = IMAGENET_SHAPE): ResNetSpec {
  return { ...resnet34(inputShape), name: 'resnet34ImageNet', stem: 'imagenet' };
}

/** ResNet-50 (bottleneck blocks, ImageNet stem): torchvision's resnet50, the usual teacher. */
export function resnet50ImageNet(inputShape: ImageShape = IMAGENET_SHAPE): ResNetSpec {
  return { kind: 'resnet', name: 'resnet50ImageNet', inputShape, stem: 'imagenet', widths: RESNET_WIDTHS, blocksPerStage: [3, 4, 6, 3], block: 'bottleneck' };
}

// torchvision's mobilenet_v3_large table: kernel, expanded channels, output channels, SE, activation, stride.
const MOBILENET_V3_LARGE_ROWS: MbConvRow[] = (
  [
    [3, 16, 16, false, 'relu', 1],
    [3, 64, 24, false, 'relu', 2],
    [3, 72, 24, false, 'relu', 1],
    [5, 72, 40, true, 'relu', 2],
    [5, 120, 40, true, 'relu', 1],
    [5, 120, 40, true, 'relu', 1],
    [3, 240, 80, false, 'hardSwish', 2],
    [3, 200, 80, false, 'hardSwish', 1],
    [3, 184, 80, false, 'hardSwish', 1],
    [3, 184, 80, false, 'hardSwish', 1],
    [3, 480, 112, true, 'hardSwish', 1],
    [3, 672, 112, true, 'hardSwish', 1],
    [5, 672, 160, true, 'hardSwish', 2],
    [5, 960, 160, true, 'hardSwish', 1],
    [5, 960, 160, true, 'hardSwish', 1],
  ] as const
).map(([kernelSize, expandWidth, width, squeezeExcite, activation, stride]) => ({ kernelSize, expandWidth, width, squeezeExcite, activation, stride }));

/** MobileNetV3-Large (torchvision's layout; 1280-d embedding after the pool, as its classifier's first layer). */
export function mobilenetV3Large(inputShape: ImageShape = IMAGENET_SHAPE): MbConvSpec {
  return {
    kind: 'mbconv',
    name: 'mobilenetV3Large',
    inputShape,
    stem: 'imagenet',
    stemWidth: 16,
    stemActivation: 'hardSwish',
    rows: MOBILENET_V3_LARGE_ROWS,
    squeezeExcite: { of: 'expanded', ratio: 0.25, divisor: 8, activation: 'relu', gate: 'hardSigmoid' },
    headWidth: 960,
    headActivation: 'hardSwish',
    embedWidth: 1280,
  };
}

/** MobileNetV3-Large with a stride-1 stem, for 28-32 px inputs (the same weights' shapes). */
export function mobilenetV3LargeSmallStem(inputShape: ImageShape = CIFAR_SHAPE): MbConvSpec {
  return { ...mobilenetV3Large(inputShape), name: 'mobilenetV3LargeSmallStem', stem: 'small' };
}

// torchvision's efficientnet_b0 stages: expansion, kernel, stride, output channels, blocks.
const EFFICIENTNET_B0_ROWS: MbConvRow[] = (
  [
    [1, 3, 1, 16, 1],
    [6, 3, 2, 24, 2],
    [6, 5, 2, 40, 2],
    [6, 3, 2, 80, 3],
    [6, 5, 1, 112, 3],
    [6, 5, 2, 192, 4],
    [6, 3, 1, 320, 1],
  ] as const
).map(([expansion, kernelSize, stride, width, repeat]) => ({ expansion, kernelSize, stride, width, repeat, activation: 'swish', squeezeExcite: true }));

/** EfficientNet-B0 (torchvision's layout, without stochastic depth); 1280-d embedding. */
export function efficientNetB0(inputShape: ImageShape = IMAGENET_SHAPE): MbConvSpec {
  return {
    kind: 'mbconv',
    name: 'efficientNetB0',
    inputShape,
    stem: 'imagenet',
    stemWidth: 32,
    stemActivation: 'swish',
    rows: EFFICIENTNET_B0_ROWS,
    squeezeExcite: { of: 'input', ratio: 0.25, activation: 'swish', gate: 'sigmoid' },
    headWidth: 1280,
    headActivation: 'swish',
  };
}

/** EfficientNet-B0 with a stride-1 stem, for 28-32 px inputs. */
export function efficientNetB0SmallStem(inputShape: ImageShape = CIFAR_SHAPE): MbConvSpec {
  return { ...efficientNetB0(inputShape), name: 'efficientNetB0SmallStem', stem: 'small' };
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

export const PRESETS = {
  resnet18,
  resnet34,
  resnet18ImageNet,
  resnet34ImageNet,
  resnet50ImageNet,
  mobilenetV3Large,
  mobilenetV3LargeSmallStem,
  efficientNetB0,
  efficientNetB0SmallStem,
  fmnistTeacher,
  fmnistStudent,
  mobilenetStudent,
  mlpTeacher,
  mlpStudent,
} as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
