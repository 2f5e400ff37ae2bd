export async function runSpeedBench(): Promise<void> {}
