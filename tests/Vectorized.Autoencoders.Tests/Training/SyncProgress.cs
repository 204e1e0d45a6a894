using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>Reports on the training thread, at once (Progress&lt;T&gt; posts to the thread pool): a test can cancel at an exact batch.</summary>
internal sealed class SyncProgress(Action<TrainingProgress> action) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => action(value);
}
