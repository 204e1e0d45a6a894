using System.Runtime.CompilerServices;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Tests.Threading;

/// <summary>
/// The suite runs every parallel call on all the threads it asks for, whatever its size: the
/// measured policy would run a test's small products on one thread on a slow-joining machine, and
/// the same-bits-for-any-thread-count tests would then compare one thread with itself.
/// </summary>
internal static class SplitAlwaysInTests
{
    [ModuleInitializer]
    internal static void Initialize() => ParallelPolicy.SplitAlways = true;
}
