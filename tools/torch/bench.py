#!/usr/bin/env python3
"""PyTorch CPU reference throughput for the students and teachers of ssl-distill.

Prints one JSON object: forward (inference) and training images/s at a batch size, for each
architecture and thread count asked for. The architectures mirror libs/models (tfjs):
small stem (conv3x3 stride 1 + BN + ReLU), basic blocks with 1x1 conv + BN projection
shortcuts, stride 2 at the first block of stages 2+, global average pool, linear 10-way head;
trained with SGD (momentum 0.9) on cross-entropy.

  a  ResNet widths 32/64/128, 2 blocks a stage, 28x28x1   (fmnistTeacher)
  b  ResNet widths 16/32/64, 1 block a stage, 28x28x1     (fmnistStudent)
  c  ResNet-18, CIFAR stem, widths 64/128/256/512, 32x32x3
  d  MobileNetV2-style with SE (mobilenetStudent): stem 16, inverted residual blocks (1x1 expand x4
     + BN + ReLU6, dw3x3 + BN + ReLU6, SE gate (ratio 0.25: ReLU, sigmoid), 1x1 project + BN,
     identity shortcut when the shape is kept), stages 16 x1 (stride 1), 32 x2, 64 x2 (stride 2
     first), 28x28x1

At 224x224x3, torchvision's own models with their 1000-way Linear replaced by a 10-way one
(libs/models' resnet18ImageNet, resnet50ImageNet, mobilenetV3Large, efficientNetB0); each result
also gives the backbone's parameter count (the model with that Linear replaced by nn.Identity):
  r18    resnet18, forward and train
  r50    resnet50, forward only (the usual teacher)
  mnv3   mobilenet_v3_large, train only
  effb0  efficientnet_b0, train only

Augmentation rows: torchvision's SimCLR transforms on PIL images (RandomResizedCrop scale 0.08-1,
flip, ColorJitter 0.4/0.4/0.4/0.1 p 0.8, RandomGrayscale 0.2, GaussianBlur kernel ~size/10 sigma
0.1-2 p 0.5, ToTensor, Normalize), 32 views stacked into a batch, from random images of the view's
size; reported as views per second of this process's CPU time:
  aug224, aug96

Example: python3 tools/torch/bench.py --archs a,b --threads 1,2 --steps 10
Debian's python3-torch (1.13) runs convolutions on oneDNN (USE_MKLDNN=ON, OpenMP threads);
BLAS (only the linear head here) comes from the libblas.so.3 alternative, see tools/torch/README.md.
"""
import argparse
import json
import os
import time

import torch
from torch import nn


def conv_bn(cin, cout, kernel, stride, activation):
    layers = [nn.Conv2d(cin, cout, kernel, stride, kernel // 2, bias=False), nn.BatchNorm2d(cout)]
    return nn.Sequential(*layers, activation) if activation is not None else nn.Sequential(*layers)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(conv_bn(cin, cout, 3, stride, nn.ReLU()), conv_bn(cout, cout, 3, 1, None))
        self.shortcut = conv_bn(cin, cout, 1, stride, None) if stride != 1 or cin != cout else nn.Identity()
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.body(x) + self.shortcut(x))


def resnet(in_channels, widths, blocks):
    layers = [conv_bn(in_channels, widths[0], 3, 1, nn.ReLU())]
    channels = widths[0]
    for stage, width in enumerate(widths):
        for block in range(blocks):
            layers.append(BasicBlock(channels, width, 2 if stage > 0 and block == 0 else 1))
            channels = width
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 10))


class SqueezeExcite(nn.Module):
    def __init__(self, channels, ratio):
        super().__init__()
        hidden = max(1, round(channels * ratio))
        self.gate = nn.Sequential(
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, hidden), nn.ReLU(), nn.Linear(hidden, channels), nn.Sigmoid())

    def forward(self, x):
        return x * self.gate(x)[:, :, None, None]


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expansion, se_ratio):
        super().__init__()
        hidden = cin * expansion
        self.body = nn.Sequential(
            conv_bn(cin, hidden, 1, 1, nn.ReLU6()),
            nn.Sequential(nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6()),
            SqueezeExcite(hidden, se_ratio),
            conv_bn(hidden, cout, 1, 1, None))
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.body(x) if self.residual else self.body(x)


def mobilenet(in_channels, stem, stages, expansion=4, se_ratio=0.25):
    layers = [conv_bn(in_channels, stem, 3, 1, nn.ReLU6())]
    channels = stem
    for width, blocks, stride in stages:
        for block in range(blocks):
            layers.append(InvertedResidual(channels, width, stride if block == 0 else 1, expansion, se_ratio))
            channels = width
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 10))


BOTH = ('forward', 'train')
ARCHS = {
    'a': (lambda: resnet(1, [32, 64, 128], 2), (1, 28, 28), BOTH),
    'b': (lambda: resnet(1, [16, 32, 64], 1), (1, 28, 28), BOTH),
    'c': (lambda: resnet(3, [64, 128, 256, 512], 2), (3, 32, 32), BOTH),
    'd': (lambda: mobilenet(1, 16, [(16, 1, 1), (32, 2, 2), (64, 2, 2)]), (1, 28, 28), BOTH),
}


def torchvision_arch(name, head_path):
    """torchvision's `name` with the Linear at `head_path` (attribute names / indices) made 10-way."""
    def build():
        import torchvision.models
        model = getattr(torchvision.models, name)()
        *parents, last = head_path
        owner = model
        for step in parents:
            owner = owner[step] if isinstance(step, int) else getattr(owner, step)
        linear = owner[last] if isinstance(last, int) else getattr(owner, last)

        def put(module):
            if isinstance(last, int):
                owner[last] = module
            else:
                setattr(owner, last, module)
        put(nn.Identity())
        model.backbone_params = sum(p.numel() for p in model.parameters())
        put(nn.Linear(linear.in_features, 10))
        return model
    return build


IMAGENET = (3, 224, 224)
ARCHS.update({
    'r18': (torchvision_arch('resnet18', ['fc']), IMAGENET, BOTH),
    'r50': (torchvision_arch('resnet50', ['fc']), IMAGENET, ('forward',)),
    'mnv3': (torchvision_arch('mobilenet_v3_large', ['classifier', 3]), IMAGENET, ('train',)),
    'effb0': (torchvision_arch('efficientnet_b0', ['classifier', 1]), IMAGENET, ('train',)),
})
AUGMENT_SIDES = {'aug224': 224, 'aug96': 96}
AUGMENT_IMAGES = 16
AUGMENT_BATCH = 32
AUGMENT_MIN_CPU_SECONDS = 3.0


def images_per_second(step, batch, steps, warmup):
    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return round(batch * steps / (time.perf_counter() - start), 1)


def simclr_transform(side):
    from torchvision import transforms as T
    blur_kernel = int(0.1 * side) // 2 * 2 + 1  # libs/augment's blurKernelSize
    return T.Compose([
        T.RandomResizedCrop(side, scale=(0.08, 1.0)),
        T.RandomHorizontalFlip(),
        T.RandomApply([T.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
        T.RandomGrayscale(p=0.2),
        T.RandomApply([T.GaussianBlur(blur_kernel, sigma=(0.1, 2.0))], p=0.5),
        T.ToTensor(),
        T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
    ])


def bench_augment(arch, threads):
    import numpy as np
    from PIL import Image
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    side = AUGMENT_SIDES[arch]
    generator = np.random.default_rng(side)
    images = [Image.fromarray(generator.integers(0, 256, (side, side, 3), dtype=np.uint8)) for _ in range(AUGMENT_IMAGES)]
    transform = simclr_transform(side)

    def render():
        return torch.stack([transform(images[i % AUGMENT_IMAGES]) for i in range(AUGMENT_BATCH)])

    render()  # warm-up
    views = 0
    start = time.process_time()
    while time.process_time() - start < AUGMENT_MIN_CPU_SECONDS:
        render()
        views += AUGMENT_BATCH
    return {'arch': arch, 'threads': threads, 'views_per_cpu_s': round(views / (time.process_time() - start), 1)}


def bench(arch, threads, batch, steps, warmup):
    if arch in AUGMENT_SIDES:
        return bench_augment(arch, threads)
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    build, shape, metrics = ARCHS[arch]
    model = build()
    x = torch.randn(batch, *shape)
    y = torch.randint(0, 10, (batch,))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    def train_step():
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        optimizer.step()

    def forward():
        with torch.no_grad():
            model(x)

    result = {'arch': arch, 'threads': threads}
    if 'train' in metrics:
        model.train()
        result['train_images_per_s'] = images_per_second(train_step, batch, steps, warmup)
    if 'forward' in metrics:
        model.eval()
        result['forward_images_per_s'] = images_per_second(forward, batch, steps, warmup)
    if hasattr(model, 'backbone_params'):
        result['params'] = model.backbone_params
    return result


def loaded_blas():
    """The BLAS shared object this process mapped (where libblas.so.3 points)."""
    with open('/proc/self/maps') as maps:
        paths = {line.split()[-1] for line in maps if 'blas' in line}
    return sorted(os.path.realpath(p) for p in paths)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--archs', default='a,b,c,d', help=f'comma-separated subset of {",".join([*ARCHS, *AUGMENT_SIDES])}')
    parser.add_argument('--threads', default='1,2', help='comma-separated torch.set_num_threads values')
    parser.add_argument('--steps', type=int, default=10, help='timed steps per measurement')
    parser.add_argument('--warmup', type=int, default=2, help='untimed steps first')
    parser.add_argument('--batch', type=int, default=128)
    parser.add_argument('--no-mkldnn', action='store_true', help='disable oneDNN convolutions (shows what it is worth)')
    args = parser.parse_args()
    archs = args.archs.split(',')
    unknown = [a for a in archs if a not in ARCHS and a not in AUGMENT_SIDES]
    if unknown:
        parser.error(f'unknown arch {unknown} (expected a subset of {",".join([*ARCHS, *AUGMENT_SIDES])})')
    torch.backends.mkldnn.enabled = not args.no_mkldnn
    load_before = os.getloadavg()
    results = [bench(arch, int(t), args.batch, args.steps, args.warmup) for arch in archs for t in args.threads.split(',')]
    print(json.dumps({
        'torch': torch.__version__,
        'mkldnn': torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled,
        'blas': loaded_blas(),
        'batch': args.batch,
        'load_average_before': [round(v, 2) for v in load_before],
        'load_average_after': [round(v, 2) for v in os.getloadavg()],
        'results': results,
    }, indent=2))


if __name__ == '__main__':
    main()
