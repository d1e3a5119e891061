// The slider mapping, the page's half (the build's is sitegen/render.py, `slider`): a
// slider's position is the real value, or on a log slider (data-scale="log") its base-10
// logarithm. data-min and data-max hold the real bounds.

// The real value a slider's position stands for, to 3 significant digits.
export function sliderValue(slider) {
  const position = Number(slider.value);
  const value = slider.dataset.scale === "log" ? 10 ** position : position;
  return Number(value.toPrecision(3));
}

// The position of `value` on the slider, clamped to its bounds.
export function sliderPosition(slider, value) {
  const real = Math.min(Math.max(value, Number(slider.dataset.min)), Number(slider.dataset.max));
  return String(slider.dataset.scale === "log" ? Math.log10(real) : real);
}
